// An echo node that prints a debugging line to stdout instead of stderr.
#include "node_io.hpp"

int main() {
    int echoes = 0;
    for (std::string line; std::getline(std::cin, line);) {
        auto message = boost::json::parse(line).as_object();
        const std::string type = broken::type_of(message);
        if (type == "init") {
            broken::reply(message, {{"type", "init_ok"}});
        } else if (type == "echo") {
            if (++echoes == 3) {
                std::cout << "handling echo number 3" << std::endl;
            }
            broken::reply(message, {{"type", "echo_ok"}, {"echo", message.at("body").at("echo")}});
        }
    }
}
