// A broadcast node that floods every value to all peers, but silently drops
// one in fifty of the broadcasts clients send it (acknowledged, never stored).
#include <set>
#include <vector>

#include "node_io.hpp"

int main() {
    std::string self;
    std::vector<std::string> peers;
    std::set<std::int64_t> values;
    long client_broadcasts = 0;
    for (std::string line; std::getline(std::cin, line);) {
        auto message = boost::json::parse(line).as_object();
        const std::string type = broken::type_of(message);
        const auto& body = message.at("body").as_object();
        if (type == "init") {
            self = std::string(body.at("node_id").as_string());
            for (const auto& id : body.at("node_ids").as_array()) {
                if (id.as_string() != self) {
                    peers.emplace_back(id.as_string());
                }
            }
            broken::reply(message, {{"type", "init_ok"}});
        } else if (type == "topology") {
            broken::reply(message, {{"type", "topology_ok"}});
        } else if (type == "broadcast") {
            const auto value = body.at("message").as_int64();
            ++client_broadcasts;
            if (client_broadcasts % 50 != 5) {
                values.insert(value);
                for (const auto& peer : peers) {
                    broken::send(self, peer, {{"type", "gossip"}, {"message", value}});
                }
            }
            broken::reply(message, {{"type", "broadcast_ok"}});
        } else if (type == "gossip") {
            values.insert(body.at("message").as_int64());
        } else if (type == "read") {
            boost::json::array list(values.begin(), values.end());
            broken::reply(message, {{"type", "read_ok"}, {"messages", std::move(list)}});
        }
    }
}
