// Coroutine style: the handler suspends in co_await instead of blocking a
// thread, so thousands of requests can wait at once on a small pool.
#include <maelstrom/maelstrom.hpp>

using namespace maelstrom;

int main() {
    Node node;
    node.handle("ping", [&node](const Message& request) {
        node.reply(request, {{"type", "pong"}});
    });
    node.handle("relay", [&node](const Message& request) -> asio::awaitable<void> {
        const auto peers = node.peer_ids();
        const std::string peer = peers.empty() ? node.id() : peers.front();
        // g++ 12 rejects braced initializer lists inside a co_await
        // expression, so the body is built first.
        json::object ping{{"type", "ping"}};
        const Message reply = co_await node.co_rpc(peer, std::move(ping));
        json::object answer{{"type", "relay_ok"}, {"answer", reply.type()}};
        node.reply(request, std::move(answer));
    });
    node.run();
}
