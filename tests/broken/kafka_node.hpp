#pragma once
// A single-node kafka log for the deliberately broken kafka nodes: correct
// except where a broken variant's send rule says otherwise.
#include <algorithm>
#include <functional>
#include <map>
#include <vector>

#include "node_io.hpp"

namespace broken {

struct SendDecision {
    std::int64_t offset = 0;  // acknowledged to the client
    bool store = true;        // false: acknowledged but never stored
};

// Decides how a send is handled, given the key, the client it came from and
// the offset a correct node would use.
using SendRule = std::function<SendDecision(const std::string& key, const std::string& client,
                                            std::int64_t next_offset)>;

inline void run_kafka_node(const SendRule& rule) {
    std::map<std::string, std::vector<std::pair<std::int64_t, boost::json::value>>> logs;
    std::map<std::string, std::int64_t> next_offset;
    std::map<std::string, std::int64_t> committed;
    for (std::string line; std::getline(std::cin, line);) {
        auto message = boost::json::parse(line).as_object();
        const std::string type = type_of(message);
        const auto& body = message.at("body").as_object();
        if (type == "init") {
            reply(message, {{"type", "init_ok"}});
        } else if (type == "send") {
            const std::string key(body.at("key").as_string());
            auto& next = next_offset[key];
            const auto decision = rule(key, std::string(message.at("src").as_string()), next);
            next = std::max(next, decision.offset + 1);
            if (decision.store) {
                logs[key].emplace_back(decision.offset, body.at("msg"));
            }
            reply(message, {{"type", "send_ok"}, {"offset", decision.offset}});
        } else if (type == "poll") {
            boost::json::object msgs;
            for (const auto& [key, from] : body.at("offsets").as_object()) {
                boost::json::array pairs;
                for (const auto& [offset, msg] : logs[std::string(key)]) {
                    if (offset >= from.as_int64()) {
                        pairs.push_back(boost::json::array{offset, msg});
                    }
                }
                if (!pairs.empty()) {
                    msgs[key] = std::move(pairs);
                }
            }
            reply(message, {{"type", "poll_ok"}, {"msgs", std::move(msgs)}});
        } else if (type == "commit_offsets") {
            for (const auto& [key, offset] : body.at("offsets").as_object()) {
                auto& c = committed[std::string(key)];
                c = std::max(c, offset.as_int64());
            }
            reply(message, {{"type", "commit_offsets_ok"}});
        } else if (type == "list_committed_offsets") {
            boost::json::object offsets;
            for (const auto& key : body.at("keys").as_array()) {
                if (auto it = committed.find(std::string(key.as_string())); it != committed.end()) {
                    offsets[it->first] = it->second;
                }
            }
            reply(message,
                  {{"type", "list_committed_offsets_ok"}, {"offsets", std::move(offsets)}});
        }
    }
}

}  // namespace broken
