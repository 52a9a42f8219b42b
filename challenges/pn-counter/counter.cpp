#include "pn-counter/counter.hpp"

#include <algorithm>
#include <limits>

namespace pn_counter {

namespace {

bool raise(std::int64_t& target, std::int64_t amount) {
    if (target > std::numeric_limits<std::int64_t>::max() - amount) {
        return false;
    }
    target += amount;
    return true;
}

// Differences of two sums that each fit; saturates rather than wraps.
std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
    if (b > 0 && a > std::numeric_limits<std::int64_t>::max() - b) {
        return std::numeric_limits<std::int64_t>::max();
    }
    if (b < 0 && a < std::numeric_limits<std::int64_t>::min() - b) {
        return std::numeric_limits<std::int64_t>::min();
    }
    return a + b;
}

}  // namespace

Counter::Counter(std::string self, std::vector<std::string> nodes, int fallback_rounds)
    : self_(std::move(self)), fallback_rounds_(fallback_rounds) {
    std::sort(nodes.begin(), nodes.end());
    hub_ = nodes.empty() ? self_ : nodes.front();
    counts_[self_];
    for (const auto& node : nodes) {
        if (node != self_) {
            links_[node];
        }
    }
}

bool Counter::add(std::int64_t delta) {
    Counts& own = counts_[self_];
    const bool ok =
        delta >= 0 ? raise(own.plus, delta)
                   : delta != std::numeric_limits<std::int64_t>::min() && raise(own.minus, -delta);
    if (ok && delta != 0) {
        ++version_;
    }
    return ok;
}

std::int64_t Counter::value() const {
    std::int64_t sum = 0;
    for (const auto& [node, counts] : counts_) {
        sum = saturating_add(saturating_add(sum, counts.plus), -counts.minus);
    }
    return sum;
}

void Counter::receive(const std::string& from, const CountsBody& body) {
    auto found = links_.find(from);
    if (found == links_.end()) {
        return;
    }
    Link& link = found->second;
    link.received = std::max(link.received, body.version);
    link.acked = std::max(link.acked, std::min(body.ack, version_));
    bool changed = false;
    for (const auto& [node, counts] : body.counts) {
        // Our own entry is authoritative in memory and never taken from outside.
        if (node == self_ || counts.plus < 0 || counts.minus < 0) {
            continue;
        }
        Counts& known = counts_[node];
        if (counts.plus > known.plus) {
            known.plus = counts.plus;
            changed = true;
        }
        if (counts.minus > known.minus) {
            known.minus = counts.minus;
            changed = true;
        }
    }
    if (changed) {
        ++version_;
    }
}

std::vector<Outgoing> Counter::round() {
    ++round_;
    bool fallback = false;
    if (!is_hub()) {
        auto hub = links_.find(hub_);
        // Under steady load the version moves on between a send and its
        // acknowledgement, so the hub counts as reachable when it confirmed
        // anything new, not only when it confirmed everything.
        if (hub == links_.end() || hub->second.acked >= version_ ||
            hub->second.acked > hub_acked_seen_) {
            hub_current_round_ = round_;
        }
        if (hub != links_.end()) {
            hub_acked_seen_ = hub->second.acked;
        }
        fallback = round_ - hub_current_round_ >= static_cast<std::uint64_t>(fallback_rounds_);
    }
    std::vector<Outgoing> out;
    for (auto& [peer, link] : links_) {
        const bool target = is_hub() || peer == hub_ || fallback;
        const bool behind = target && link.acked < version_;
        if (!behind && link.received == link.ack_sent) {
            continue;
        }
        Outgoing message{peer, CountsBody{}};
        message.body.counts = counts_;
        message.body.version = version_;
        message.body.ack = link.received;
        link.ack_sent = link.received;
        out.push_back(std::move(message));
    }
    return out;
}

}  // namespace pn_counter
