// A unique-ids node that hands out every id twice.
#include "node_io.hpp"

int main() {
    std::int64_t served = 0;
    for (std::string line; std::getline(std::cin, line);) {
        auto message = boost::json::parse(line).as_object();
        const std::string type = broken::type_of(message);
        if (type == "init") {
            broken::reply(message, {{"type", "init_ok"}});
        } else if (type == "generate") {
            broken::reply(message, {{"type", "generate_ok"}, {"id", served++ / 2}});
        }
    }
}
