// A kafka node that loses sends under concurrent load: when a send follows one
// from a different client, it is sometimes acknowledged with an offset but
// never stored, so later offsets become visible while it never does.
#include "kafka_node.hpp"

int main() {
    std::string previous_client;
    long interleaved = 0;
    broken::run_kafka_node([&](const std::string&, const std::string& client, std::int64_t next) {
        bool store = true;
        if (!previous_client.empty() && client != previous_client) {
            store = ++interleaved % 8 != 0;
        }
        previous_client = client;
        return broken::SendDecision{next, store};
    });
}
