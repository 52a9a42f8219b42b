// A lin-kv node where every node keeps its own copy of each register and
// never talks to the others: reads on one node miss writes made through
// another, which is not linearizable.
#include <map>

#include "node_io.hpp"

int main() {
    std::map<std::string, std::int64_t> registers;
    for (std::string line; std::getline(std::cin, line);) {
        auto message = boost::json::parse(line).as_object();
        const auto& body = message.at("body").as_object();
        const std::string type = broken::type_of(message);
        if (type == "init") {
            broken::reply(message, {{"type", "init_ok"}});
            continue;
        }
        const std::string key = boost::json::serialize(body.at("key"));
        auto it = registers.find(key);
        if (type == "read") {
            if (it == registers.end()) {
                broken::reply(message, {{"type", "error"}, {"code", 20}});
            } else {
                broken::reply(message, {{"type", "read_ok"}, {"value", it->second}});
            }
        } else if (type == "write") {
            registers[key] = body.at("value").as_int64();
            broken::reply(message, {{"type", "write_ok"}});
        } else if (type == "cas") {
            if (it == registers.end()) {
                broken::reply(message, {{"type", "error"}, {"code", 20}});
            } else if (it->second != body.at("from").as_int64()) {
                broken::reply(message, {{"type", "error"}, {"code", 22}});
            } else {
                it->second = body.at("to").as_int64();
                broken::reply(message, {{"type", "cas_ok"}});
            }
        }
    }
}
