// A kafka node that acknowledges every send and stores none, so its polls never return a
// message: the bench must judge it invalid (every acknowledged message unseen), and its
// clients never catch up in the final phase. tests/checkers/kafka_final_polls_run_test.cpp
// runs it.
#include "kafka_node.hpp"

int main() {
    broken::run_kafka_node([](const std::string&, const std::string&, std::int64_t next) {
        return broken::SendDecision{next, false};
    });
}
