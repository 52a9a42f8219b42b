// A g-counter node that keeps the total in seq-kv but trusts a single seq-kv
// read: add = read then blind write of read + delta; read = one seq-kv read.
// Stale reads lose increments and final reads can be stale.
#include <map>

#include "node_io.hpp"

namespace {

struct Pending {
    boost::json::object client_request;
    std::int64_t delta = 0;
    bool is_add = false;
    bool writing = false;
};

}  // namespace

int main() {
    std::string self;
    std::int64_t next_msg_id = 1;
    std::map<std::int64_t, Pending> pending;
    auto kv = [&](boost::json::object body, Pending p) {
        const auto id = next_msg_id++;
        body["msg_id"] = id;
        pending[id] = std::move(p);
        broken::send(self, "seq-kv", std::move(body));
    };
    for (std::string line; std::getline(std::cin, line);) {
        auto message = boost::json::parse(line).as_object();
        const auto& body = message.at("body").as_object();
        const std::string type = broken::type_of(message);
        if (type == "init") {
            self = std::string(body.at("node_id").as_string());
            broken::reply(message, {{"type", "init_ok"}});
        } else if (type == "add") {
            kv({{"type", "read"}, {"key", "counter"}},
               Pending{message, body.at("delta").as_int64(), true, false});
        } else if (type == "read" && message.at("src").as_string() != "seq-kv") {
            kv({{"type", "read"}, {"key", "counter"}}, Pending{message, 0, false, false});
        } else if (body.contains("in_reply_to")) {
            auto it = pending.find(body.at("in_reply_to").as_int64());
            if (it == pending.end()) {
                continue;
            }
            Pending p = std::move(it->second);
            pending.erase(it);
            const std::int64_t current = type == "read_ok" ? body.at("value").as_int64() : 0;
            if (p.writing) {
                broken::reply(p.client_request, {{"type", "add_ok"}});
            } else if (p.is_add) {
                p.writing = true;
                kv({{"type", "write"}, {"key", "counter"}, {"value", current + p.delta}},
                   std::move(p));
            } else {
                broken::reply(p.client_request, {{"type", "read_ok"}, {"value", current}});
            }
        }
    }
}
