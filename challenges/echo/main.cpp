// Challenge 1: echo. Replies to every echo request with the same payload.
#include <maelstrom/maelstrom.hpp>

int main() {
    maelstrom::Node node;
    node.handle("echo", [&node](const maelstrom::Message& request) {
        // Built in one go, the reply object sizes its table once.
        node.reply(request, {{"type", "echo_ok"}, {"echo", request.body.at("echo")}});
    });
    node.run();
}
