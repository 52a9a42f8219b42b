#include "linkv_node.hpp"

#include <algorithm>
#include <chrono>

#include "log_entries.hpp"
#include "requests.hpp"

namespace kafka {

namespace asio = maelstrom::asio;
using maelstrom::error_code;
using maelstrom::Message;
using maelstrom::rpc_error;

namespace {

constexpr std::size_t records_per_poll = 4096;

asio::awaitable<void> pause(std::chrono::milliseconds delay) {
    asio::steady_timer timer(co_await asio::this_coro::executor, delay);
    co_await timer.async_wait(asio::use_awaitable);
}

}  // namespace

// A named type rather than a lambda: it becomes part of a coroutine frame, and
// a type with external linkage keeps that frame usable from any translation
// unit.
struct RaiseTo {
    std::int64_t target;
    std::int64_t operator()(std::int64_t current) const { return std::max(current, target); }
};

LinKvNode::LinKvNode(maelstrom::Node& node) : node_(node), kv_(node) {
    node_.handle("send", [this](const Message& m) { return on_send(m); });
    node_.handle("poll", [this](const Message& m) { return on_poll(m); });
    node_.handle("commit_offsets", [this](const Message& m) { return on_commit_offsets(m); });
    node_.handle("list_committed_offsets",
                 [this](const Message& m) { return on_list_committed_offsets(m); });
}

asio::awaitable<json::array> LinKvNode::read_log(const std::string& key) {
    co_return co_await kv_.co_read_or<json::array>(log_kv_key(key), json::array{});
}

// Only returns once the entry is certainly in the log, so an acknowledged send
// is never lost: timeouts and other indefinite errors are resolved by
// re-reading the log and looking for this request's id.
asio::awaitable<std::int64_t> LinKvNode::append(const std::string& key, const json::value& msg) {
    const std::string request_id = node_.id() + "-" + std::to_string(next_request_++);
    maelstrom::RetryPolicy backoff;
    for (std::size_t attempt = 1;; ++attempt) {
        try {
            json::array entries = co_await read_log(key);
            if (auto landed = find_request(entries, request_id)) {
                co_return *landed;
            }
            json::array grown = entries;
            grown.push_back(json::array{msg, json::value(request_id)});
            co_await kv_.co_cas(log_kv_key(key), entries, grown, entries.empty());
            co_return static_cast<std::int64_t>(entries.size());
        } catch (const rpc_error& error) {
            if (error.code() != error_code::precondition_failed &&
                error.code() != error_code::key_already_exists &&
                error.code() != error_code::key_does_not_exist) {
                maelstrom::log(maelstrom::log_level::debug, "append to ", key, ": ", error.what());
            }
        }
        co_await pause(backoff.backoff(std::min<std::size_t>(attempt + 1, 6)));
    }
}

asio::awaitable<void> LinKvNode::on_send(const Message& request) {
    auto key = field<std::string>(request, "key");
    auto msg = field<json::value>(request, "msg");
    std::int64_t offset = co_await append(key, msg);
    node_.reply(request, send_ok(offset));
}

asio::awaitable<void> LinKvNode::on_poll(const Message& request) {
    auto offsets = field<OffsetMap>(request, "offsets");
    PollResult msgs;
    for (const auto& [key, offset] : offsets) {
        json::array entries = co_await read_log(key);
        auto records = records_from(entries, offset, records_per_poll);
        if (!records.empty()) {
            msgs.emplace(key, std::move(records));
        }
    }
    node_.reply(request, poll_ok(msgs));
}

asio::awaitable<void> LinKvNode::on_commit_offsets(const Message& request) {
    auto offsets = field<OffsetMap>(request, "offsets");
    for (const auto& [key, offset] : offsets) {
        co_await kv_.co_update<std::int64_t>(committed_kv_key(key), RaiseTo{offset},
                                             std::int64_t{-1});
    }
    node_.reply(request, commit_offsets_ok());
}

asio::awaitable<void> LinKvNode::on_list_committed_offsets(const Message& request) {
    auto keys = field<std::vector<std::string>>(request, "keys");
    OffsetMap offsets;
    for (const auto& key : keys) {
        auto committed =
            co_await kv_.co_read_or<std::int64_t>(committed_kv_key(key), std::int64_t{-1});
        if (committed >= 0) {
            offsets.emplace(key, committed);
        }
    }
    node_.reply(request, list_committed_offsets_ok(offsets));
}

}  // namespace kafka
