// A single-node txn-rw-register store that installs a transaction's first
// write of a key instead of its last one, exposing intermediate writes.
#include <map>

#include "node_io.hpp"

int main() {
    std::map<std::string, boost::json::value> store;
    for (std::string line; std::getline(std::cin, line);) {
        auto message = boost::json::parse(line).as_object();
        const std::string type = broken::type_of(message);
        if (type == "init") {
            broken::reply(message, {{"type", "init_ok"}});
            continue;
        }
        if (type != "txn") {
            continue;
        }
        auto txn = message.at("body").at("txn").as_array();
        std::map<std::string, boost::json::value> view = store;
        std::map<std::string, boost::json::value> first_writes;
        for (auto& mop_value : txn) {
            auto& mop = mop_value.as_array();
            const auto key = boost::json::serialize(mop[1]);
            if (mop[0].as_string() == "r") {
                auto it = view.find(key);
                mop[2] = it == view.end() ? boost::json::value(nullptr) : it->second;
            } else {
                view[key] = mop[2];
                first_writes.try_emplace(key, mop[2]);
            }
        }
        for (auto& [key, value] : first_writes) {
            store[key] = value;
        }
        broken::reply(message, {{"type", "txn_ok"}, {"txn", std::move(txn)}});
    }
}
