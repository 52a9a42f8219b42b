#include "owner_node.hpp"

#include <algorithm>

#include "requests.hpp"

namespace kafka {

namespace asio = maelstrom::asio;
using maelstrom::Message;

namespace {

// Up to four attempts of at most 1 s each, all over by 4 s after the request
// arrived: on a loaded machine timers fire late, and four late timeouts in a
// row once added up to more than the client's 5 s.
maelstrom::RetryPolicy forward_policy(const Message& request) {
    maelstrom::RetryPolicy policy;
    policy.max_attempts = 4;
    policy.attempt_timeout = std::chrono::milliseconds(1000);
    const auto arrived = request.received == std::chrono::steady_clock::time_point{}
                             ? std::chrono::steady_clock::now()
                             : request.received;
    policy.deadline = arrived + std::chrono::seconds(4);
    return policy;
}

}  // namespace

OwnerNode::OwnerNode(maelstrom::Node& node, OwnerNodeOptions options)
    : node_(node), options_(options) {
    node_.on_init([this] { start(); });
    node_.handle("send", [this](const Message& m) { return on_send(m); });
    node_.handle("append", [this](const Message& m) { on_append(m); });
    node_.handle("poll", [this](const Message& m) { on_poll(m); });
    node_.handle("commit_offsets", [this](const Message& m) { on_commit_offsets(m); });
    node_.handle("list_committed_offsets",
                 [this](const Message& m) { return on_list_committed_offsets(m); });
    node_.handle("local_committed_offsets",
                 [this](const Message& m) { on_local_committed_offsets(m); });
    node_.handle("replicate", [this](const Message& m) { on_replicate(m); });
}

void OwnerNode::start() {
    {
        std::lock_guard lock(mutex_);
        store_ = std::make_unique<LogStore>(node_.id(), node_.node_ids());
    }
    if (!node_.peer_ids().empty()) {
        node_.every(options_.replication_interval, [this] { replicate(); });
    }
}

asio::awaitable<void> OwnerNode::on_send(const Message& request) {
    auto key = field<std::string>(request, "key");
    auto msg = field<json::value>(request, "msg");
    std::string owner;
    {
        std::lock_guard lock(mutex_);
        if (store_->owns(key)) {
            std::int64_t offset = store_->append(key, msg);
            node_.reply(request, send_ok(offset));
            co_return;
        }
        owner = store_->owner(key);
    }
    // The owner deduplicates by request id, so retrying an indefinite
    // failure cannot store the message twice; the client is only answered
    // once the owner has assigned the offset. Retries stop well inside the
    // client's 5 s: after that the client is closed, and writing to it would
    // make Maelstrom stop reading this node. The last indefinite error then
    // answers the client, which records the send as indeterminate.
    json::object append{{"type", "append"},
                        {"key", key},
                        {"msg", msg},
                        {"request_id", node_.id() + "-" + std::to_string(next_request_++)}};
    Message reply = co_await node_.co_rpc_retry(owner, std::move(append), forward_policy(request));
    auto offset = field<std::int64_t>(reply, "offset");
    {
        std::lock_guard lock(mutex_);
        store_->learn(key, offset, msg);
    }
    node_.reply(request, send_ok(offset));
}

void OwnerNode::on_append(const Message& request) {
    auto key = field<std::string>(request, "key");
    auto msg = field<json::value>(request, "msg");
    const auto request_id = field<std::string>(request, "request_id");
    const auto id = RequestId::parse(request_id);
    if (!id) {
        throw maelstrom::rpc_error(maelstrom::error_code::malformed_request,
                                   "request_id '" + request_id + "' is not <node>-<number>");
    }
    std::optional<std::int64_t> offset;
    {
        std::lock_guard lock(mutex_);
        if (!store_->owns(key)) {
            throw maelstrom::rpc_error(maelstrom::error_code::malformed_request,
                                       "key '" + key + "' is owned by " + store_->owner(key));
        }
        offset = store_->append_forwarded(key, std::move(msg), *id);
    }
    if (!offset) {
        // Indefinite: the request may have been stored when it was new.
        throw maelstrom::rpc_error(
            maelstrom::error_code::crash,
            "request " + request_id + " is too old to tell whether it was stored; not stored now");
    }
    node_.reply(request, json::object{{"type", "append_ok"}, {"offset", *offset}});
}

void OwnerNode::on_poll(const Message& request) {
    auto offsets = field<OffsetMap>(request, "offsets");
    json::object msgs;
    {
        std::lock_guard lock(mutex_);
        msgs = store_->poll(offsets, options_.records_per_poll, options_.records_per_poll_reply);
    }
    node_.reply(request, poll_ok(std::move(msgs)));
}

void OwnerNode::on_commit_offsets(const Message& request) {
    auto offsets = field<OffsetMap>(request, "offsets");
    {
        std::lock_guard lock(mutex_);
        store_->commit(offsets);
    }
    node_.reply(request, commit_offsets_ok());
}

// Commits are recorded where they arrive, and committed offsets only grow on
// every node. Taking the maximum over all nodes therefore returns at least
// what any earlier list returned (that value is still on the node it came
// from), so committed offsets never appear to go backwards, for any client.
// Lists are rare (a client's assign), so asking every node is cheap overall.
asio::awaitable<void> OwnerNode::on_list_committed_offsets(const Message& request) {
    auto keys = field<std::vector<std::string>>(request, "keys");
    json::array requested_keys(keys.begin(), keys.end());
    maelstrom::RetryPolicy policy;
    policy.max_attempts = options_.committed_query_attempts;
    OffsetMap everywhere;
    for (const auto& peer : node_.peer_ids()) {
        json::object query{{"type", "local_committed_offsets"}, {"keys", requested_keys}};
        Message reply;
        try {
            reply = co_await node_.co_rpc_retry(peer, std::move(query), policy);
        } catch (const maelstrom::rpc_error& error) {
            throw maelstrom::rpc_error(maelstrom::error_code::temporarily_unavailable,
                                       "cannot reach " + peer + ": " + error.text());
        }
        for (const auto& [key, offset] : field<OffsetMap>(reply, "offsets")) {
            auto [entry, created] = everywhere.try_emplace(key, offset);
            if (!created) {
                entry->second = std::max(entry->second, offset);
            }
        }
    }
    OffsetMap offsets;
    {
        std::lock_guard lock(mutex_);
        store_->commit(everywhere);
        offsets = store_->committed(keys);
    }
    node_.reply(request, list_committed_offsets_ok(offsets));
}

void OwnerNode::on_local_committed_offsets(const Message& request) {
    auto keys = field<std::vector<std::string>>(request, "keys");
    OffsetMap offsets;
    {
        std::lock_guard lock(mutex_);
        offsets = store_->committed(keys);
    }
    node_.reply(request, json::object{{"type", "local_committed_offsets_ok"},
                                      {"offsets", json::value_from(offsets)}});
}

void OwnerNode::on_replicate(const Message& request) {
    auto batch = field<ReplicationBatch>(request, "batch");
    ReplicationAck ack;
    {
        std::lock_guard lock(mutex_);
        ack = store_->apply(batch);
    }
    node_.reply(request, json::object{{"type", "replicate_ok"}, {"ack", json::value_from(ack)}});
}

void OwnerNode::replicate() {
    for (const auto& peer : node_.peer_ids()) {
        ReplicationBatch batch;
        {
            std::lock_guard lock(mutex_);
            // One batch in flight per peer: a resend only happens after the
            // previous one was acknowledged or timed out.
            if (peers_in_flight_.count(peer) != 0) {
                continue;
            }
            batch = store_->batch_for(peer, options_.records_per_batch);
            if (batch.empty()) {
                continue;
            }
            peers_in_flight_.insert(peer);
        }
        json::object body{{"type", "replicate"}, {"batch", json::value_from(batch)}};
        node_.rpc(peer, std::move(body),
                  [this, peer, batch = std::move(batch)](std::exception_ptr error, Message reply) {
                      std::lock_guard lock(mutex_);
                      peers_in_flight_.erase(peer);
                      if (error) {
                          return;
                      }
                      try {
                          store_->acknowledged(peer, batch, field<ReplicationAck>(reply, "ack"));
                      } catch (const std::exception& bad_ack) {
                          maelstrom::log(maelstrom::log_level::warn, "ignoring replicate_ok from ",
                                         peer, ": ", bad_ack.what());
                      }
                  });
    }
}

}  // namespace kafka
