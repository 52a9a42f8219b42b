// Linearizable key-value store for Maelstrom's lin-kv workload, replicated
// with Raft (lin_kv_node.hpp).
#include <maelstrom/maelstrom.hpp>

#include "lin-kv/lin_kv_node.hpp"

int main() {
    maelstrom::Node node;
    lin_kv::LinKvNode lin_kv(node, lin_kv::Settings{});
    node.run();
}
