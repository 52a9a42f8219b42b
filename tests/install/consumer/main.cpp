// An echo node built against the installed library.
#include <maelstrom/maelstrom.hpp>

int main() {
    maelstrom::Node node;
    node.handle("echo", [&node](const maelstrom::Message& request) {
        maelstrom::json::object reply;
        reply["type"] = "echo_ok";
        reply["echo"] = request.body.at("echo");
        node.reply(request, std::move(reply));
    });
    node.run();
}
