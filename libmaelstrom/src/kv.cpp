#include "maelstrom/kv.hpp"

#include <atomic>

#include "maelstrom/tso.hpp"

namespace maelstrom {

const json::value& detail::reply_field(const Message& reply, std::string_view field) {
    const auto* value = reply.body.if_contains(field);
    if (value == nullptr) {
        throw rpc_error(error_code::malformed_request,
                        "reply from " + reply.src + " has no \"" + std::string(field) + "\"");
    }
    return *value;
}

std::int64_t detail::next_fresh_stamp() noexcept {
    // One counter per process, that is per node, shared by every client of
    // every service: two clients must never write the same stamp.
    static std::atomic<std::int64_t> stamps{0};
    return stamps.fetch_add(1) + 1;
}

asio::awaitable<void> KV::co_catch_up() {
    // lin-kv is never stale; lww-kv's two replicas never merge, so no write can make it fresh.
    if (service_ == "lin-kv" || service_ == "lww-kv") {
        co_return;
    }
    co_await co_write("maelstrom-fresh-" + node_.id(), detail::next_fresh_stamp());
}

KV::KV(Node& node, std::string service)
    : node_(node), service_(std::move(service)), timeout_(node.default_rpc_timeout()) {}

json::object KV::read_body(json::value key) {
    return json::object{{"type", "read"}, {"key", std::move(key)}};
}

json::object KV::write_body(json::value key, json::value value) {
    return json::object{{"type", "write"}, {"key", std::move(key)}, {"value", std::move(value)}};
}

json::object KV::cas_body(json::value key, json::value from, json::value to,
                          bool create_if_not_exists) {
    json::object body{
        {"type", "cas"}, {"key", std::move(key)}, {"from", std::move(from)}, {"to", std::move(to)}};
    if (create_if_not_exists) {
        body["create_if_not_exists"] = true;
    }
    return body;
}

TSO::TSO(Node& node, std::string service)
    : node_(node), service_(std::move(service)), timeout_(node.default_rpc_timeout()) {}

}  // namespace maelstrom
