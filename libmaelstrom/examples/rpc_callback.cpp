// Callback style: each echo is answered by asking the next node; the client
// gets its answer when the peer's reply (or an error) arrives. The handler
// returns at once; the callback runs later on the handler pool.
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
        node.rpc(peer, {{"type", "ping"}, {"echo", request.get("echo")}},
                 [&node, request](std::optional<rpc_error> error, Message reply) {
                     if (error) {
                         node.reply_error(request, error->code(), error->text());
                         return;
                     }
                     node.reply(request, {{"type", "echo_ok"}, {"echo", reply.get("echo")}});
                 });
    });
    node.run();
}
