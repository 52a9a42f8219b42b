// Challenge 2: unique ids. Each node combines its own id with a local
// counter, so ids are unique across nodes without any message between them,
// and stay unique under partitions.
#include <atomic>
#include <cstdint>
#include <maelstrom/maelstrom.hpp>
#include <string>

int main() {
    maelstrom::Node node;
    std::atomic<std::uint64_t> counter{0};
    node.handle("generate", [&](const maelstrom::Message& request) {
        maelstrom::json::object reply;
        reply["type"] = "generate_ok";
        reply["id"] = node.id() + "-" + std::to_string(counter.fetch_add(1));
        node.reply(request, std::move(reply));
    });
    node.run();
}
