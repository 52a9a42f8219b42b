// An echo node that exits after its third echo: the bench must report the
// crash (which node, exit status, its last output) and void the run.
#include "node_io.hpp"

int main() {
    int echoes = 0;
    for (std::string line; std::getline(std::cin, line);) {
        auto message = boost::json::parse(line).as_object();
        const std::string type = broken::type_of(message);
        if (type == "init") {
            broken::reply(message, {{"type", "init_ok"}});
        } else if (type == "echo") {
            broken::reply(message, {{"type", "echo_ok"}, {"echo", message.at("body").at("echo")}});
            if (++echoes == 3) {
                std::cerr << "giving up after three echoes" << std::endl;
                return 3;
            }
        }
    }
}
