// Callback style: a "relay" request is forwarded to the next node as "ping";
// the client gets its answer when the peer's reply (or an error) arrives. The
// handler returns at once; the callback runs later on the handler pool.
#include <maelstrom/maelstrom.hpp>

using namespace maelstrom;

int main() {
    Node node;
    node.handle("ping", [&node](const Message& request) {
        node.reply(request, {{"type", "pong"}});
    });
    node.handle("relay", [&node](const Message& request) {
        const auto peers = node.peer_ids();
        const std::string peer = peers.empty() ? node.id() : peers.front();
        node.rpc(peer, {{"type", "ping"}},
                 [&node, request](std::exception_ptr error, Message reply) {
                     if (error) {
                         try {
                             std::rethrow_exception(error);
                         } catch (const rpc_error& e) {
                             node.reply_error(request, e.code(), e.text());
                         }
                         return;
                     }
                     node.reply(request, {{"type", "relay_ok"}, {"answer", reply.type()}});
                 });
    });
    node.run();
}
