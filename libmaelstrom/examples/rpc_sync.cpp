// Synchronous style: each echo is answered by asking the next node, and the
// handler blocks in sync_rpc until that node answers. Blocking is allowed in
// plain handlers: sync_rpc hands reading input to another thread first, and
// the handler pool grows when all its threads are blocked. An rpc_error
// escaping the handler becomes the client's error reply.
#include <maelstrom/maelstrom.hpp>

using namespace maelstrom;

int main() {
    Node node;
    node.handle("ping", [&node](const Message& request) {
        node.reply(request, {{"type", "pong"}, {"echo", request.get("echo")}});
    });
    node.handle("echo", [&node](const Message& request) {
        const auto peers = node.peer_ids();
        const std::string peer = peers.empty() ? node.id() : peers.front();
        const Message reply =
            node.sync_rpc(peer, {{"type", "ping"}, {"echo", request.get("echo")}});
        node.reply(request, {{"type", "echo_ok"}, {"echo", reply.get("echo")}});
    });
    node.run();
}
