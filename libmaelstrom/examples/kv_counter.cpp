// A grow-only counter kept in seq-kv, showing the KV client in the three
// styles: "add" updates with a blocking read-modify-cas loop, "read" uses a
// coroutine, and a timer logs the value through callbacks.
#include <maelstrom/maelstrom.hpp>

using namespace maelstrom;

int main() {
    Node node;
    SeqKV kv(node);
    node.handle("add", [&](const Message& request) {
        const auto delta = request.body.at("delta").to_number<std::int64_t>();
        kv.update<std::int64_t>(
            "counter", [delta](std::int64_t value) { return value + delta; }, 0);
        node.reply(request, {{"type", "add_ok"}});
    });
    node.handle("read", [&](const Message& request) -> asio::awaitable<void> {
        const auto value = co_await kv.co_read_or<std::int64_t>("counter", 0);
        json::object reply{{"type", "read_ok"}, {"value", value}};
        node.reply(request, std::move(reply));
    });
    node.every(std::chrono::seconds(1), [&] {
        kv.async_read_or<std::int64_t>("counter", 0,
                                       [](std::exception_ptr error, std::int64_t value) {
                                           if (!error) {
                                               log(log_level::debug, "counter is ", value);
                                           }
                                       });
    });
    node.run();
}
