// A grow-only counter kept in seq-kv, showing the KV client in the three
// styles: "add" updates with a blocking read-modify-cas loop, "read" uses a
// coroutine, and a timer logs the value through callbacks.
#include <maelstrom/maelstrom.hpp>

using namespace maelstrom;

int main() {
    Node node;
    SeqKV kv(node);
    node.handle("add", [&](const Message& request) {
        const auto delta = request.get<std::int64_t>("delta");
        kv.update<std::int64_t>(
            "counter", [delta](std::int64_t value) { return value + delta; }, 0);
        node.reply(request, {{"type", "add_ok"}});
    });
    node.handle("read", [&](const Message& request) -> asio::awaitable<void> {
        // A plain seq-kv read may return a state older than adds that other
        // nodes have acknowledged; the final reads must count every one.
        const auto value = co_await kv.co_read_fresh_or<std::int64_t>("counter", 0);
        node.reply(request, {{"type", "read_ok"}, {"value", value}});
    });
    // Staleness is fine for a log line.
    node.every(std::chrono::seconds(1), [&] {
        kv.async_read_or<std::int64_t>("counter", 0,
                                       [](std::optional<rpc_error> error, std::int64_t value) {
                                           if (!error) {
                                               log(log_level::debug, "counter is ", value);
                                           }
                                       });
    });
    node.run();
}
