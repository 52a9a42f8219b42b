// Statements in a coroutine handler, with the names the API guide uses in scope.
#include <maelstrom/maelstrom.hpp>

using namespace maelstrom;
using namespace std::chrono_literals;

int main() {
    Node node;
    [[maybe_unused]] SeqKV kv(node);
    [[maybe_unused]] LinKV lin(node);
    [[maybe_unused]] TSO tso(node);
    [[maybe_unused]] RetryPolicy policy;
    [[maybe_unused]] json::object body{{"type", "ping"}};
    // Accepts whatever an operation completes with.
    [[maybe_unused]] auto callback = [](auto&&...) {};
    node.handle("snippet", [&]([[maybe_unused]] const Message& request) -> asio::awaitable<void> {
        // snippet
        co_return;
    });
}
