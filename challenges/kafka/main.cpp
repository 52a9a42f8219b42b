// Challenge 5: kafka-style logs. MAELSTROM_KAFKA_MODE selects the design:
// "owner" (default; docs/challenges/kafka.md) or "lin-kv" (the baseline).
#include <cstdlib>
#include <iostream>
#include <maelstrom/maelstrom.hpp>
#include <string_view>

#include "linkv_node.hpp"
#include "owner_node.hpp"

int main() {
    const char* mode_variable = std::getenv("MAELSTROM_KAFKA_MODE");
    std::string_view mode = mode_variable == nullptr ? "owner" : mode_variable;
    maelstrom::Node node;
    if (mode == "lin-kv") {
        kafka::LinKvNode baseline(node);
        node.run();
    } else if (mode == "owner" || mode.empty()) {
        kafka::OwnerNode owner(node);
        node.run();
    } else {
        std::cerr << "MAELSTROM_KAFKA_MODE must be 'owner' or 'lin-kv', not '" << mode << "'\n";
        return 2;
    }
}
