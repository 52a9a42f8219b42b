#include "g-set/replica.hpp"

#include <algorithm>

namespace g_set {

namespace json = maelstrom::json;

json::object gossip_body(const Gossip& gossip) {
    return json::object{{"type", "gossip"},
                        {"elements", gossip.elements},
                        {"upto", gossip.upto},
                        {"ack", gossip.ack}};
}

Replica::Replica(std::string self, std::vector<std::string> nodes, int fallback_rounds)
    : self_(std::move(self)), fallback_rounds_(fallback_rounds) {
    std::sort(nodes.begin(), nodes.end());
    hub_ = nodes.empty() ? self_ : nodes.front();
    for (const auto& node : nodes) {
        if (node != self_) {
            links_[node];
        }
    }
}

bool Replica::add(const json::value& element) {
    if (!elements_.insert(element).second) {
        return false;
    }
    if (is_hub()) {
        relay(element, self_);
    } else if (auto link = links_.find(hub_); link != links_.end()) {
        enqueue(link->second, element);
    }
    return true;
}

void Replica::receive(const std::string& from, const json::array& elements, std::uint64_t upto,
                      std::uint64_t ack) {
    auto found = links_.find(from);
    if (found == links_.end()) {
        return;
    }
    Link& link = found->second;
    link.unanswered = 0;
    link.received_upto = std::max(link.received_upto, upto);
    link.pending.erase(link.pending.begin(), link.pending.upper_bound(ack));
    for (const auto& element : elements) {
        // A leaf relays nothing: the hub, or the leaf that fanned out, has the
        // duty to reach everybody.
        if (elements_.insert(element).second && is_hub()) {
            relay(element, from);
        }
    }
}

std::vector<Gossip> Replica::round() {
    ++round_;
    if (!is_hub()) {
        auto hub = links_.find(hub_);
        if (hub != links_.end()) {
            for (auto& [seq, entry] : hub->second.pending) {
                if (!entry.fanned_out &&
                    round_ - entry.round >= static_cast<std::uint64_t>(fallback_rounds_)) {
                    entry.fanned_out = true;
                    for (auto& [peer, link] : links_) {
                        if (peer != hub_) {
                            enqueue(link, entry.element);
                        }
                    }
                }
            }
        }
    }
    std::vector<Gossip> out;
    for (auto& [peer, link] : links_) {
        if (link.pending.empty() && link.received_upto == link.ack_sent) {
            continue;
        }
        if (link.unanswered >= 2 && !link.skipped_last) {
            link.skipped_last = true;
            continue;
        }
        link.skipped_last = false;
        ++link.unanswered;
        Gossip gossip{peer, {}, link.next_seq - 1, link.received_upto};
        gossip.elements.reserve(link.pending.size());
        for (const auto& [seq, entry] : link.pending) {
            gossip.elements.push_back(entry.element);
        }
        link.ack_sent = link.received_upto;
        out.push_back(std::move(gossip));
    }
    return out;
}

std::size_t Replica::pending(const std::string& peer) const {
    auto found = links_.find(peer);
    return found == links_.end() ? 0 : found->second.pending.size();
}

void Replica::enqueue(Link& link, const json::value& element) {
    link.pending.emplace(link.next_seq++, Entry{element, round_, false});
}

void Replica::relay(const json::value& element, const std::string& except) {
    for (auto& [peer, link] : links_) {
        if (peer != except) {
            enqueue(link, element);
        }
    }
}

}  // namespace g_set
