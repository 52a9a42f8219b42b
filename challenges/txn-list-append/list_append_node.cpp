#include "list_append_node.hpp"

#include <stdexcept>
#include <utility>

namespace txn_list_append {

ListAppendNode::ListAppendNode(maelstrom::Node& node, CommitterOptions options,
                               std::chrono::milliseconds store_timeout)
    : node_(node), store_(node, database_key, store_timeout), committer_(store_, options) {
    // A plain handler: the committer blocks in its lin-kv calls, and the
    // node's pool grows while handlers wait.
    node_.handle("txn", [this](const maelstrom::Message& m) { on_txn(m); });
}

void ListAppendNode::on_txn(const maelstrom::Message& request) {
    const auto operations = request.get<json::array>("txn");
    json::array completed;
    try {
        completed = committer_.execute(operations);
    } catch (const std::invalid_argument& error) {
        // Validation runs before anything is sent: the request had no effect.
        throw maelstrom::rpc_error(maelstrom::error_code::malformed_request, error.what());
    }
    node_.reply(request, json::object{{"type", "txn_ok"}, {"txn", std::move(completed)}});
}

}  // namespace txn_list_append
