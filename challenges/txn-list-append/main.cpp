// Transactions over append-only lists, strict-serializable, with the
// database in lin-kv (docs/challenges/txn-list-append.md).
#include <maelstrom/maelstrom.hpp>

#include "list_append_node.hpp"

int main() {
    maelstrom::Node node;
    txn_list_append::ListAppendNode lists(node);
    node.run();
}
