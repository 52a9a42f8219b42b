// Challenge 1: echo. Replies to every echo request with the same payload.
#include <maelstrom/maelstrom.hpp>

int main() {
    maelstrom::Node node;
    // The handler owns the request, so its body becomes the reply: no object is built and the
    // echoed string is not copied. The request's msg_id stays in it, which the echo_ok schema
    // allows.
    node.handle("echo", [&node](maelstrom::Message&& request) {
        request.body.at("type").as_string() = "echo_ok";
        node.reply(request, std::move(request.body));
    });
    node.run();
}
