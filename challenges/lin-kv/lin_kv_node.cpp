#include "lin-kv/lin_kv_node.hpp"

#include <functional>
#include <random>
#include <utility>

#include "lin-kv/raft_wire.hpp"

namespace lin_kv {

namespace json = maelstrom::json;
using maelstrom::error_code;
using maelstrom::Message;

LinKvNode::LinKvNode(maelstrom::Node& node, Settings settings) : node_(node), settings_(settings) {
    node_.on_init([this] {
        std::lock_guard lock(mutex_);
        const std::uint64_t seed = std::random_device{}() ^ std::hash<std::string>{}(node_.id());
        raft_.emplace(node_.id(), node_.node_ids(), settings_.timing, seed, now());
    });
    node_.handle("read", [this](const Message& request) {
        on_client(request, Command{"read", request.get("key"), nullptr, nullptr, nullptr, {}});
    });
    node_.handle("write", [this](const Message& request) {
        on_client(request,
                  Command{"write", request.get("key"), request.get("value"), nullptr, nullptr, {}});
    });
    node_.handle("cas", [this](const Message& request) {
        on_client(
            request,
            Command{
                "cas", request.get("key"), nullptr, request.get("from"), request.get("to"), {}});
    });
    for (const auto type : raft::wire_types()) {
        node_.handle(std::string(type), [this](const Message& message) { on_raft(message); });
    }
    node_.every(settings_.tick, [this] { tick(); });
}

raft::Millis LinKvNode::now() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start_)
        .count();
}

void LinKvNode::on_client(const Message& request, Command command) {
    std::unique_lock lock(mutex_);
    if (raft_ && raft_->role() == raft::Role::leader) {
        command.tag = node_.id() + ":" + std::to_string(next_tag_++);
        const auto index = raft_->propose(json::value_from(command), now());
        pending_[*index] = Pending{command.tag, request, now()};
        auto output = collect();
        lock.unlock();
        deliver(std::move(output));
        return;
    }
    const std::optional<std::string> leader = raft_ ? raft_->leader() : std::nullopt;
    lock.unlock();
    // Only a client's own request is forwarded: one hop, so a request a peer
    // forwarded never travels on, and 11 is then true (nobody proposed it).
    if (!leader || !request.from_client()) {
        node_.reply_error(request, error_code::temporarily_unavailable, "no leader known");
        return;
    }
    forward(request, *leader);
}

void LinKvNode::forward(const Message& request, const std::string& leader) {
    json::object body = request.body;
    body.erase("msg_id");
    node_.async_rpc(leader, std::move(body), settings_.forward_timeout,
                    [this, request](std::optional<maelstrom::rpc_error> error, Message reply) {
                        // The leader's errors keep their code: a definite one
                        // is true for the client too, and a lost forward is a
                        // timeout, indefinite.
                        if (error) {
                            node_.reply_error(request, error->code(), error->text());
                            return;
                        }
                        json::object out = std::move(reply.body);
                        out.erase("in_reply_to");
                        out.erase("msg_id");
                        node_.reply(request, std::move(out));
                    });
}

void LinKvNode::on_raft(const Message& message) {
    auto payload = raft::from_message(message);
    if (!payload) {
        maelstrom::log(maelstrom::log_level::warn, "ignoring malformed ", message.type(), " from ",
                       message.src);
        return;
    }
    std::unique_lock lock(mutex_);
    if (!raft_) {
        return;
    }
    raft_->receive(raft::Envelope{message.src, node_.id(), std::move(*payload)}, now());
    auto output = collect();
    lock.unlock();
    deliver(std::move(output));
}

void LinKvNode::tick() {
    std::unique_lock lock(mutex_);
    if (!raft_) {
        return;
    }
    const auto time = now();
    raft_->tick(time);
    std::erase_if(pending_, [&](const auto& entry) {
        return time - entry.second.proposed_at > settings_.pending_limit;
    });
    auto output = collect();
    lock.unlock();
    deliver(std::move(output));
}

LinKvNode::Output LinKvNode::collect() {
    Output output;
    output.messages = raft_->take_outbox();
    for (auto& applied : raft_->take_applied()) {
        if (applied.command.is_null()) {
            continue;  // a new leader's no-op
        }
        Command command;
        Outcome outcome;
        try {
            command = json::value_to<Command>(applied.command);
            outcome = store_.apply(command);
        } catch (const std::exception& error) {
            outcome = Outcome{{}, error_code::crash, error.what()};
        }
        const auto pending = pending_.find(applied.index);
        if (pending == pending_.end()) {
            continue;
        }
        if (pending->second.tag != command.tag) {
            // Another leader's entry took this index and is committed there,
            // and an entry exists at one index only: ours can never be
            // applied, so the definite error is true.
            outcome = Outcome{{}, error_code::temporarily_unavailable, "lost leadership"};
        }
        output.replies.emplace_back(std::move(pending->second.request), std::move(outcome));
        pending_.erase(pending);
    }
    return output;
}

void LinKvNode::deliver(Output output) {
    for (auto& envelope : output.messages) {
        node_.send(envelope.to, raft::to_body(envelope.payload));
    }
    for (auto& [request, outcome] : output.replies) {
        if (outcome.error) {
            node_.reply_error(request, *outcome.error, outcome.text);
        } else {
            node_.reply(request, std::move(outcome.reply));
        }
    }
}

}  // namespace lin_kv
