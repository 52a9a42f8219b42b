#include "txn_node.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace txn {

using maelstrom::error_code;
using maelstrom::Message;
using maelstrom::rpc_error;

namespace {

template <class T>
T field(const Message& request, std::string_view name) {
    auto found = request.body.find(name);
    if (found == request.body.end()) {
        throw rpc_error(error_code::malformed_request, "missing field '" + std::string(name) + "'");
    }
    try {
        return json::value_to<T>(found->value());
    } catch (const std::exception& error) {
        throw rpc_error(error_code::malformed_request,
                        "field '" + std::string(name) + "': " + error.what());
    }
}

}  // namespace

TxnNode::TxnNode(maelstrom::Node& node, TxnNodeOptions options) : node_(node), options_(options) {
    node_.on_init([this] { start(); });
    node_.handle("txn", [this](const Message& m) { on_txn(m); });
    node_.handle("replicate", [this](const Message& m) { on_replicate(m); });
}

void TxnNode::start() {
    const auto& ids = node_.node_ids();
    auto self = std::find(ids.begin(), ids.end(), node_.id());
    {
        std::lock_guard lock(mutex_);
        store_ = std::make_unique<RegisterStore>(static_cast<std::int64_t>(self - ids.begin()));
        outbox_ = std::make_unique<Outbox>(node_.peer_ids());
    }
    if (!node_.peer_ids().empty()) {
        node_.every(options_.replication_interval, [this] { replicate(); });
    }
}

void TxnNode::on_txn(const Message& request) {
    auto operations = field<json::array>(request, "txn");
    TxnResult result;
    {
        std::lock_guard lock(mutex_);
        try {
            result = store_->execute(operations);
        } catch (const std::invalid_argument& error) {
            throw rpc_error(error_code::malformed_request, error.what());
        }
        if (!result.replicated.writes.empty()) {
            outbox_->push(std::move(result.replicated));
        }
    }
    node_.reply(request, json::object{{"type", "txn_ok"}, {"txn", std::move(result.completed)}});
}

void TxnNode::on_replicate(const Message& request) {
    auto batch = field<ReplicationBatch>(request, "batch");
    {
        // One lock for the whole batch: a remote transaction's writes become
        // visible together, never partly.
        std::lock_guard lock(mutex_);
        for (const auto& writes : batch.txns) {
            store_->apply(writes);
        }
    }
    node_.reply(request, json::object{{"type", "replicate_ok"}, {"up_to", batch.last}});
}

void TxnNode::replicate() {
    for (const auto& peer : node_.peer_ids()) {
        ReplicationBatch batch;
        {
            std::lock_guard lock(mutex_);
            if (peers_in_flight_.count(peer) != 0) {
                continue;
            }
            batch = outbox_->batch_for(peer, options_.txns_per_batch);
            if (batch.txns.empty()) {
                continue;
            }
            peers_in_flight_.insert(peer);
        }
        json::object body{{"type", "replicate"}, {"batch", json::value_from(batch)}};
        node_.rpc(peer, std::move(body), [this, peer](std::exception_ptr error, Message reply) {
            std::lock_guard lock(mutex_);
            peers_in_flight_.erase(peer);
            if (error) {
                return;
            }
            try {
                outbox_->acknowledged(peer, field<std::int64_t>(reply, "up_to"));
            } catch (const std::exception& bad_ack) {
                maelstrom::log(maelstrom::log_level::warn, "ignoring replicate_ok from ", peer,
                               ": ", bad_ack.what());
            }
        });
    }
}

}  // namespace txn
