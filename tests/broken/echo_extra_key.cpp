// An echo node whose replies carry an undocumented key: Maelstrom's closed
// reply schema turns every such echo into an :info with an exception.
#include "node_io.hpp"

int main() {
    for (std::string line; std::getline(std::cin, line);) {
        auto message = boost::json::parse(line).as_object();
        const std::string type = broken::type_of(message);
        if (type == "init") {
            broken::reply(message, {{"type", "init_ok"}});
        } else if (type == "echo") {
            broken::reply(message, {{"type", "echo_ok"},
                                    {"echo", message.at("body").at("echo")},
                                    {"served_by", message.at("dest")}});
        }
    }
}
