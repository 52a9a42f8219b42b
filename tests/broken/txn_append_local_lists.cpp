// A txn-list-append node that applies every transaction to its own lists and
// never tells the other nodes: with two nodes, clients of different nodes
// see different histories of the same key. Alone, each transaction runs
// by itself on the only copy, so it is also the correct single-node control
// (checkers.txn_list_append_correct_node).
#include <map>

#include "node_io.hpp"

int main() {
    std::map<std::string, boost::json::array> lists;
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
        for (auto& mop_value : txn) {
            auto& mop = mop_value.as_array();
            const auto key = boost::json::serialize(mop[1]);
            if (mop[0].as_string() == "r") {
                auto it = lists.find(key);
                mop[2] = it == lists.end() ? boost::json::value(nullptr)
                                           : boost::json::value(it->second);
            } else {
                lists[key].push_back(mop[2]);
            }
        }
        broken::reply(message, {{"type", "txn_ok"}, {"txn", std::move(txn)}});
    }
}
