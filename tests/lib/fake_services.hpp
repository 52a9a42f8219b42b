#pragma once
// In-test stand-ins for Maelstrom's services (services.md), answering through
// a NodeHarness responder. All three KV services share one linearizable store.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "node_harness.hpp"

namespace maelstrom::testing {

class FakeServices {
  public:
    explicit FakeServices(NodeHarness& harness) : harness_(harness) {}

    // Install with harness.set_responder(services.responder()).
    NodeHarness::responder responder() {
        return [this](const json::object& envelope) { return answer(envelope); };
    }

    std::int64_t requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

    // Makes the next `count` requests go unanswered.
    void drop_next(int count) {
        std::lock_guard lock(mutex_);
        drops_ = count;
    }

  private:
    bool answer(const json::object& envelope) {
        const auto& dest = envelope.at("dest").as_string();
        if (dest != "lin-kv" && dest != "seq-kv" && dest != "lww-kv" && dest != "lin-tso") {
            return false;
        }
        const auto& body = envelope.at("body").as_object();
        json::object reply;
        {
            std::lock_guard lock(mutex_);
            ++requests_;
            if (drops_ > 0) {
                --drops_;
                return true;
            }
            reply = dest == "lin-tso" ? json::object{{"type", "ts_ok"}, {"ts", ts_++}} : kv(body);
        }
        reply["in_reply_to"] = body.at("msg_id");
        harness_.send(std::string(dest), std::string(envelope.at("src").as_string()),
                      std::move(reply));
        return true;
    }

    json::object kv(const json::object& body) {
        const auto& type = body.at("type").as_string();
        const auto key = json::serialize(body.at("key"));
        const auto found = store_.find(key);
        if (type == "read") {
            if (found == store_.end()) {
                return error(20, "key does not exist");
            }
            return {{"type", "read_ok"}, {"value", found->second}};
        }
        if (type == "write") {
            store_[key] = body.at("value");
            return {{"type", "write_ok"}};
        }
        if (found == store_.end()) {
            const auto* create = body.if_contains("create_if_not_exists");
            if (create != nullptr && create->is_bool() && create->get_bool()) {
                store_[key] = body.at("to");
                return {{"type", "cas_ok"}};
            }
            return error(20, "key does not exist");
        }
        if (found->second != body.at("from")) {
            return error(22, "current value " + json::serialize(found->second) + " is not " +
                                 json::serialize(body.at("from")));
        }
        found->second = body.at("to");
        return {{"type", "cas_ok"}};
    }

    static json::object error(std::int64_t code, std::string text) {
        return {{"type", "error"}, {"code", code}, {"text", text}};
    }

    NodeHarness& harness_;
    mutable std::mutex mutex_;
    std::map<std::string, json::value> store_;
    std::int64_t ts_ = 0;
    std::int64_t requests_ = 0;
    int drops_ = 0;
};

}  // namespace maelstrom::testing
