#include "list_append_node.hpp"

#include <stdexcept>
#include <utility>

namespace txn_list_append {

namespace {

// A handler waiting on the committer's lock or pause hands reading on, as it
// does in its lin-kv calls: the commit it waits for needs a reply read.
CommitterOptions handing_input_on(CommitterOptions options, maelstrom::Node& node) {
    options.before_waiting = [&node] { node.prepare_to_block(); };
    return options;
}

}  // namespace

ListAppendNode::ListAppendNode(maelstrom::Node& node, CommitterOptions options,
                               std::chrono::milliseconds store_timeout)
    : node_(node),
      store_(node, database_key, store_timeout),
      committer_(store_, handing_input_on(std::move(options), node)) {
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
