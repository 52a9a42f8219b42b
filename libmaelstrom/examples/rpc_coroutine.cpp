// Coroutine style: each echo is answered by asking the next node, and the
// handler suspends in co_await instead of blocking a thread, so thousands of
// requests can wait at once on a small pool.
#include <maelstrom/maelstrom.hpp>

using namespace maelstrom;

int main() {
    Node node;
    node.handle("ping", [&node](const Message& request) {
        node.reply(request, {{"type", "pong"}, {"echo", request.get("echo")}});
    });
    node.handle("echo", [&node](const Message& request) -> asio::awaitable<void> {
        const auto peers = node.peer_ids();
        const std::string peer = peers.empty() ? node.id() : peers.front();
        // g++ 12 rejects braced initializer lists inside a co_await
        // expression, so the body is built first.
        json::object ping{{"type", "ping"}, {"echo", request.get("echo")}};
        const Message reply = co_await node.co_rpc(peer, std::move(ping));
        node.reply(request, {{"type", "echo_ok"}, {"echo", reply.get("echo")}});
    });
    node.run();
}
