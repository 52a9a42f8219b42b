// lin_kv_proxy.cpp with coroutine handlers: a request waiting for the service
// holds no thread. Errors reach the client the same way.
#include <maelstrom/maelstrom.hpp>

using namespace maelstrom;

int main() {
    Node node;
    LinKV kv(node);
    node.handle("read", [&](const Message& request) -> asio::awaitable<void> {
        const auto value = co_await kv.co_read(request.get("key"));
        node.reply(request, {{"type", "read_ok"}, {"value", value}});
    });
    node.handle("write", [&](const Message& request) -> asio::awaitable<void> {
        co_await kv.co_write(request.get("key"), request.get("value"));
        node.reply(request, {{"type", "write_ok"}});
    });
    node.handle("cas", [&](const Message& request) -> asio::awaitable<void> {
        co_await kv.co_cas(request.get("key"), request.get("from"), request.get("to"));
        node.reply(request, {{"type", "cas_ok"}});
    });
    node.run();
}
