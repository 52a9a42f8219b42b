// A correct single-node kafka log: the positive control for the kafka
// workload, which must judge it valid.
#include "../broken/kafka_node.hpp"

int main() {
    broken::run_kafka_node([](const std::string&, const std::string&, std::int64_t next) {
        return broken::SendDecision{next, true};
    });
}
