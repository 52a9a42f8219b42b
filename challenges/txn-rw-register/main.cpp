// Challenge 6: totally available transactions over key-value registers
// (docs/challenges/txn-rw-register.md).
#include <maelstrom/maelstrom.hpp>

#include "txn_node.hpp"

int main() {
    maelstrom::Node node;
    txn::TxnNode registers(node);
    node.run();
}
