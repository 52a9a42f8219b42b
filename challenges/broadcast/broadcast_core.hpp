#pragma once
// The broadcast node's replication logic, free of I/O so that tests can run a
// whole cluster in memory: callers pass the current time and collect the
// messages to send.
//
// Fast path (shape hub): the origin sends a new value at once to the first
// hub, which batches it to every other node each `interval`. Reliability never
// costs a message of its own while nothing is lost: every gossip carries the
// sender's "have" vector (per origin, the sequence numbers it holds), which
// acknowledges what the receiver sent it. A node that received values and has
// nothing to send back acknowledges alone only after `ack_delay`. Values that
// stay unacknowledged past their deadline are sent again; an origin whose hub
// stops acknowledging moves to the next hub and finally delivers directly.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "broadcast_config.hpp"
#include "gossip_message.hpp"
#include "item_id.hpp"
#include "retained_values.hpp"
#include "seq_set.hpp"
#include "value_set.hpp"

namespace broadcast {

// Time on any monotonic clock, as a duration since its epoch.
using Millis = std::chrono::milliseconds;

struct Outgoing {
    std::string dest;
    GossipBody body;
};

class BroadcastCore {
  public:
    BroadcastCore(std::string self, const std::vector<std::string>& nodes, Config config)
        : self_(std::move(self)), config_(config) {
        for (const std::string& node : nodes) {
            if (node != self_ && !peers_.contains(node)) {
                peers_.emplace(node, Peer{});
                peer_order_.push_back(node);
            }
        }
        if (config_.shape == Shape::hub) {
            for (const std::string& node : nodes) {
                if (hubs_.size() >= config_.hub_count || node == self_) {
                    break;
                }
                if (peers_.contains(node)) {
                    hubs_.push_back(node);
                }
            }
        }
        // Delivering directly is the last resort and needs no acknowledgement
        // from a relay, so the list always ends with the node itself.
        hubs_.push_back(self_);
    }

    // A value a client asked this node to broadcast.
    void broadcast(const json::value& value, Millis now, std::vector<Outgoing>& out) {
        const ItemId id{self_, ++last_seq_};
        store(id, value);
        route_own(id, now, out);
        settle();
        flush_if_unbatched(now, out);
    }

    // Gossip from another node. Returns false (and changes nothing) when the
    // sender is not a known peer.
    bool receive(const std::string& from, const GossipBody& body, Millis now,
                 std::vector<Outgoing>& out) {
        auto found = peers_.find(from);
        if (found == peers_.end()) {
            return false;
        }
        Peer& peer = found->second;
        for (const auto& [origin, wire] : body.have) {
            peer.has[origin].merge(SeqSet::from_wire(wire));
        }
        bool carried_items = false;
        for (const WireItem& item : body.items) {
            if (item.seq < 1 || item.origin.empty()) {
                continue;
            }
            carried_items = true;
            peer.has[item.origin].insert(item.seq);
            if (item.origin == self_) {
                // A node holds every item of its own from the moment it numbers it, so one it
                // does not hold is forged; storing it would take a number a later broadcast of
                // this node's needs.
                continue;
            }
            const ItemId id{item.origin, item.seq};
            if (store(id, item.value) && body.relay) {
                for (const std::string& other : peer_order_) {
                    if (other != from && other != item.origin) {
                        enqueue_delivery(other, id, now);
                    }
                }
            }
        }
        if (carried_items) {
            // A relay request is acknowledged with the next batch so that the
            // origin learns quickly whether its hub is reachable.
            const Millis due = body.relay ? now : now + config_.ack_delay;
            peer.ack_due = peer.ack_due ? std::min(*peer.ack_due, due) : due;
        }
        discharge(from, peer);
        settle();
        const auto hub = std::find(hubs_.begin(), hubs_.end(), from);
        if (hub != hubs_.end()) {
            // Hearing from a preferred hub again means it is back.
            hub_index_ = std::min(hub_index_, static_cast<std::size_t>(hub - hubs_.begin()));
        }
        flush_if_unbatched(now, out);
        return true;
    }

    // Periodic work: sends batches and due acknowledgements, and resends what
    // stayed unacknowledged too long. Call it every `interval` (or more often).
    void tick(Millis now, std::vector<Outgoing>& out) {
        std::vector<ItemId> expired;
        bool hub_failed = false;
        for (const auto& [id, wait] : relay_waits_) {
            if (wait.deadline <= now) {
                expired.push_back(id);
                hub_failed = hub_failed || wait.hub == hubs_[hub_index_];
            }
        }
        if (hub_failed && hub_index_ + 1 < hubs_.size()) {
            ++hub_index_;
        }
        for (const ItemId& id : expired) {
            route_own(id, now, out);
        }
        for (auto& [name, peer] : peers_) {
            const bool overdue =
                std::any_of(peer.obligations.begin(), peer.obligations.end(),
                            [&](const auto& entry) { return entry.second <= now; });
            if (!overdue) {
                continue;
            }
            // The whole backlog goes in one resend and restarts its deadlines
            // together, so an unreachable peer costs one message per timeout.
            for (auto& [id, deadline] : peer.obligations) {
                peer.pending.insert(id);
                deadline = now + delivery_timeout();
            }
            peer.suspect = true;
            peer.resend_due = true;
        }
        // Ticks arrive about every `interval`; half an interval of slack keeps
        // timer jitter from skipping a round.
        const bool batch_round = now - last_batch_ + config_.interval / 2 >= batch_interval();
        if (batch_round) {
            last_batch_ = now;
        }
        flush(now, out, batch_round);
    }

    // What a read returns: every distinct value this node holds.
    json::array values() const { return values_.to_array(); }
    // Values kept because some delivery of theirs is not yet acknowledged.
    std::size_t retained() const noexcept { return retained_.size(); }
    // The node this one currently sends its own values through (itself when
    // delivering directly).
    const std::string& current_hub() const noexcept { return hubs_[hub_index_]; }
    // Values this node still has to see acknowledged, as relay or as origin.
    std::size_t unacknowledged() const noexcept {
        std::size_t count = relay_waits_.size();
        for (const auto& [name, peer] : peers_) {
            count += peer.obligations.size();
        }
        return count;
    }

  private:
    struct Peer {
        // What the peer is known to hold, per origin.
        std::map<std::string, SeqSet> has;
        // Values this node must deliver to the peer, with resend deadlines.
        std::map<ItemId, Millis> obligations;
        // Values to put into the next batch.
        std::set<ItemId> pending;
        // When an acknowledgement must be sent even without values.
        std::optional<Millis> ack_due;
        // Set while values to the peer stay unacknowledged past their
        // deadline: it is probably cut off, so it gets values only when they
        // are resent rather than in every batch.
        bool suspect = false;
        bool resend_due = false;
    };
    struct RelayWait {
        std::string hub;
        Millis deadline;
    };

    Millis batch_interval() const {
        const bool first_hub = hubs_.front() == self_;
        return first_hub ? config_.interval : std::max(config_.interval, config_.fallback_interval);
    }

    Millis delivery_timeout() const {
        return config_.interval + config_.ack_delay + config_.retransmit_margin;
    }

    // Returns true when the value is new to this node.
    bool store(const ItemId& id, const json::value& value) {
        if (!have_[id.origin].insert(id.seq)) {
            return false;
        }
        values_.insert(value);
        retained_.keep(id, value);
        unclaimed_.push_back(id);
        return true;
    }

    // Values stored during this step that no delivery needs are not kept.
    void settle() {
        for (const ItemId& id : unclaimed_) {
            retained_.drop_if_unreferenced(id);
        }
        unclaimed_.clear();
    }

    void route_own(const ItemId& id, Millis now, std::vector<Outgoing>& out) {
        const std::string& hub = hubs_[hub_index_];
        if (hub == self_) {
            for (const std::string& peer : peer_order_) {
                enqueue_delivery(peer, id, now);
            }
            // Released only now: the deliveries above already hold the value.
            if (relay_waits_.erase(id) > 0) {
                retained_.release(id);
            }
            return;
        }
        const RelayWait wait{hub, now + config_.interval + config_.retransmit_margin};
        if (relay_waits_.insert_or_assign(id, wait).second) {
            retained_.acquire(id);
        }
        send(hub, {id}, true, out);
    }

    void enqueue_delivery(const std::string& name, const ItemId& id, Millis now) {
        Peer& peer = peers_.at(name);
        if (peer.has[id.origin].contains(id.seq)) {
            return;
        }
        peer.pending.insert(id);
        if (peer.obligations.try_emplace(id, now + delivery_timeout()).second) {
            retained_.acquire(id);
        }
    }

    void discharge(const std::string& name, Peer& peer) {
        std::size_t discharged = 0;
        for (auto it = peer.obligations.begin(); it != peer.obligations.end();) {
            if (peer.has[it->first.origin].contains(it->first.seq)) {
                retained_.release(it->first);
                it = peer.obligations.erase(it);
                ++discharged;
            } else {
                ++it;
            }
        }
        if (discharged > 0 || peer.obligations.empty()) {
            peer.suspect = false;
        }
        for (auto it = relay_waits_.begin(); it != relay_waits_.end();) {
            if (it->second.hub == name && peer.has[it->first.origin].contains(it->first.seq)) {
                retained_.release(it->first);
                it = relay_waits_.erase(it);
            } else {
                ++it;
            }
        }
    }

    void flush_if_unbatched(Millis now, std::vector<Outgoing>& out) {
        if (config_.interval.count() == 0) {
            flush(now, out, true);
        }
    }

    // A batch round sends to every peer that is not suspect; otherwise only
    // resends and due acknowledgements go out.
    void flush(Millis now, std::vector<Outgoing>& out, bool batch_round) {
        for (const std::string& name : peer_order_) {
            Peer& peer = peers_.at(name);
            const bool ack_due = peer.ack_due && *peer.ack_due <= now;
            if (!peer.resend_due && !ack_due && (!batch_round || peer.suspect)) {
                continue;
            }
            peer.resend_due = false;
            std::vector<ItemId> batch;
            for (const ItemId& id : peer.pending) {
                if (!peer.has[id.origin].contains(id.seq)) {
                    batch.push_back(id);
                }
            }
            peer.pending.clear();
            if (!batch.empty() || ack_due) {
                send(name, batch, false, out);
            }
        }
    }

    void send(const std::string& dest, const std::vector<ItemId>& ids, bool relay,
              std::vector<Outgoing>& out) {
        GossipBody body;
        body.relay = relay;
        for (const ItemId& id : ids) {
            if (const json::value* value = retained_.find(id)) {
                body.items.push_back(WireItem{id.origin, id.seq, *value});
            }
        }
        for (const auto& [origin, set] : have_) {
            body.have.emplace(origin, set.to_wire());
        }
        // Whatever is sent carries the have vector, hence acknowledges.
        peers_.at(dest).ack_due.reset();
        out.push_back(Outgoing{dest, std::move(body)});
    }

    std::string self_;
    Config config_;
    std::map<std::string, Peer> peers_;
    std::vector<std::string> peer_order_;
    // Relays to try in order; the last entry is this node (direct delivery).
    std::vector<std::string> hubs_;
    std::size_t hub_index_ = 0;
    Millis last_batch_{0};
    std::int64_t last_seq_ = 0;
    std::map<std::string, SeqSet> have_;
    std::map<ItemId, RelayWait> relay_waits_;
    // Reads need each distinct value (equal values broadcast twice, or by two origins, are
    // listed once); sending needs an item's value only while a delivery of it is open.
    ValueSet values_;
    RetainedValues retained_;
    std::vector<ItemId> unclaimed_;
};

}  // namespace broadcast
