// A kafka node that hands out every offset twice: each pair of sends to a key
// shares one offset, so two different messages live at the same offset.
#include "kafka_node.hpp"

int main() {
    std::map<std::string, std::int64_t> sends;
    broken::run_kafka_node([&](const std::string& key, const std::string&, std::int64_t) {
        const auto n = sends[key]++;
        return broken::SendDecision{n / 2, true};
    });
}
