#include "workloads/kafka_client.hpp"

#include <algorithm>
#include <set>

namespace sim {
namespace {

namespace json = boost::json;

[[noreturn]] void malformed(const std::string& what, const json::value& v) {
    throw MalformedReply("Malformed RPC response: " + what + ": " + json::serialize(v));
}

std::vector<std::string> key_list(const json::value& keys) {
    std::vector<std::string> out;
    if (!keys.is_array()) {
        throw std::invalid_argument("assign value is not a list of keys: " + json::serialize(keys));
    }
    for (const auto& k : keys.get_array()) {
        if (!k.is_string()) {
            throw std::invalid_argument("assign key is not a string: " + json::serialize(k));
        }
        out.emplace_back(k.get_string());
    }
    return out;
}

json::array string_array(const std::vector<std::string>& keys) {
    json::array out;
    for (const auto& k : keys) {
        out.push_back(json::value(k));
    }
    return out;
}

// The first micro-op of a send/poll op: [["send", k, v]] or [["poll"]].
const json::array& first_mop(const Op& invoke) {
    const auto* mops = invoke.value.if_array();
    if (mops == nullptr || mops->empty() || !(*mops)[0].is_array()) {
        throw std::invalid_argument("kafka op value is not a list of micro-ops: " +
                                    json::serialize(invoke.value));
    }
    return (*mops)[0].get_array();
}

}  // namespace

std::variant<json::object, Completion> KafkaClient::request(const Op& invoke) {
    if (invoke.f == "crash") {
        // A crash ends this client: the bench opens a fresh one for the next op.
        return Completion{OpType::info, invoke.value, std::nullopt};
    }
    if (invoke.f == "assign") {
        const auto keys = key_list(invoke.value);
        if (invoke.final) {
            offsets_.clear();
            for (const auto& k : keys) {
                offsets_[k] = 0;
            }
            return Completion{OpType::ok, invoke.value, std::nullopt};
        }
        return json::object{{"type", "list_committed_offsets"}, {"keys", string_array(keys)}};
    }
    if (invoke.f == "send") {
        const auto& mop = first_mop(invoke);
        if (mop.size() != 3) {
            throw std::invalid_argument("send micro-op is not [send, k, v]: " +
                                        json::serialize(invoke.value));
        }
        return json::object{{"type", "send"}, {"key", mop[1]}, {"msg", mop[2]}};
    }
    if (invoke.f == "poll") {
        json::object offsets;
        for (const auto& [k, o] : offsets_) {
            offsets[k] = o;
        }
        polled_.reset();
        return json::object{{"type", "poll"}, {"offsets", std::move(offsets)}};
    }
    throw std::invalid_argument("kafka client cannot perform " + invoke.f);
}

Completion KafkaClient::on_reply(const Op& invoke, const json::object& reply) {
    if (invoke.f == "assign") {
        return on_assign_reply(invoke, reply);
    }
    if (invoke.f == "send") {
        check_reply_schema(reply, "send_ok", {"offset"});
        const auto& offset = reply.at("offset");
        if (!offset.is_int64()) {
            malformed("offset is not an integer", offset);
        }
        const auto& mop = first_mop(invoke);
        return Completion{OpType::ok,
                          json::array{json::array{"send", mop[1], json::array{offset, mop[2]}}},
                          std::nullopt};
    }
    if (polled_) {
        check_reply_schema(reply, "commit_offsets_ok", {});
        auto value = std::move(*polled_);
        polled_.reset();
        return Completion{OpType::ok, std::move(value), std::nullopt};
    }
    return on_poll_reply(reply);
}

Completion KafkaClient::on_assign_reply(const Op& invoke, const json::object& reply) {
    check_reply_schema(reply, "list_committed_offsets_ok", {"offsets"});
    const auto& offsets = reply.at("offsets");
    if (!offsets.is_object() && !offsets.is_null()) {
        malformed("offsets is not a map", offsets);
    }
    const auto keys = key_list(invoke.value);
    std::map<std::string, std::int64_t> next;
    json::object committed;
    for (const auto& k : keys) {
        const json::value* c = offsets.is_object() ? offsets.get_object().if_contains(k) : nullptr;
        if (c != nullptr && !c->is_int64()) {
            malformed("committed offset is not an integer", *c);
        }
        if (c != nullptr) {
            committed[k] = *c;
        }
        if (auto it = offsets_.find(k); it != offsets_.end()) {
            next[k] = it->second;
        } else {
            next[k] = c != nullptr ? c->get_int64() : 0;
        }
    }
    offsets_ = std::move(next);
    // Recording the committed offsets lets the checker judge them.
    return Completion{OpType::ok,
                      json::object{{"keys", invoke.value}, {"committed", std::move(committed)}},
                      std::nullopt};
}

Completion KafkaClient::on_poll_reply(const json::object& reply) {
    check_reply_schema(reply, "poll_ok", {"msgs"});
    const auto& msgs = reply.at("msgs");
    if (!msgs.is_object() && !msgs.is_null()) {
        malformed("msgs is not a map", msgs);
    }
    json::object polled;
    json::object commit;
    if (msgs.is_object()) {
        for (const auto& entry : msgs.get_object()) {
            const auto& pairs = entry.value();
            if (!pairs.is_array() && !pairs.is_null()) {
                malformed("messages are not a list", pairs);
            }
            std::optional<std::int64_t> highest;
            if (pairs.is_array()) {
                for (const auto& pair : pairs.get_array()) {
                    const auto* p = pair.if_array();
                    if (p == nullptr || p->size() != 2 || !(*p)[0].is_int64()) {
                        malformed("message is not [offset, msg]", pair);
                    }
                    highest = std::max(highest.value_or((*p)[0].get_int64()), (*p)[0].get_int64());
                }
            }
            polled[entry.key()] = pairs.is_null() ? json::value(json::array{}) : pairs;
            if (highest) {
                const std::string key(entry.key());
                auto& next = offsets_[key];
                next = std::max(next, *highest + 1);
                commit[key] = *highest;
            }
        }
    }
    json::value value = json::array{json::array{"poll", std::move(polled)}};
    if (commit.empty()) {
        return Completion{OpType::ok, std::move(value), std::nullopt};
    }
    polled_ = std::move(value);
    Completion pending{OpType::ok, nullptr, std::nullopt};
    pending.follow_up = json::object{{"type", "commit_offsets"}, {"offsets", std::move(commit)}};
    return pending;
}

}  // namespace sim
