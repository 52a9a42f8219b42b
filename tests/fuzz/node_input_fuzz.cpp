// Feeds arbitrary bytes to a Node as its stdin and lets it parse and dispatch
// them to handlers shaped like the challenges' (a plain reply, a KV client
// whose RPC never gets an answer, a handler that throws). Every input gets a
// fresh Node so that no state leaks from one input into the next.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <maelstrom/maelstrom.hpp>
#include <stdexcept>
#include <thread>

namespace {

using namespace std::chrono_literals;

void register_challenge_handlers(maelstrom::Node& node) {
    node.handle("echo", [&node](const maelstrom::Message& request) {
        auto body = request.body;
        body["type"] = "echo_ok";
        node.reply(request, std::move(body));
    });
    node.handle("read", [&node](const maelstrom::Message& request) {
        maelstrom::KV kv(node, "seq-kv");
        auto value = kv.read<std::int64_t>("counter");
        node.reply(request, maelstrom::json::object{{"type", "read_ok"}, {"value", value}});
    });
    node.handle("topology",
                [&node](const maelstrom::Message& request) -> boost::asio::awaitable<void> {
                    node.reply(request, maelstrom::json::object{{"type", "topology_ok"}});
                    co_return;
                });
    node.handle("explode", [](const maelstrom::Message&) -> void {
        throw std::runtime_error("handler failure");
    });
}

// Writes from its own thread: an input larger than the pipe buffer would
// otherwise block before the node starts reading.
void write_all_then_close(int fd, const std::uint8_t* data, std::size_t size) {
    while (size > 0) {
        const auto written = ::write(fd, data, size);
        if (written <= 0) {
            break;
        }
        data += written;
        size -= static_cast<std::size_t>(written);
    }
    ::close(fd);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const int discard_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    int input[2];
    if (::pipe2(input, O_CLOEXEC) != 0) {
        return 0;
    }
    maelstrom::NodeOptions options;
    options.input_fd = input[0];
    options.output_fd = discard_fd;
    // Nothing ever answers the node's RPCs; short deadlines keep each input fast.
    options.rpc_timeout = 5ms;
    options.shutdown_grace = 20ms;
    options.core_threads = 1;
    options.max_threads = 4;
    {
        maelstrom::Node node(options);
        register_challenge_handlers(node);
        std::thread writer(write_all_then_close, input[1], data, size);
        node.run();
        writer.join();
    }
    ::close(input[0]);
    return 0;
}
