#include "g-set/replica.hpp"

#include <algorithm>

namespace g_set {

namespace json = maelstrom::json;

json::object gossip_body(const Gossip& gossip) {
    json::object body{{"type", "gossip"},     {"elements", gossip.elements}, {"upto", gossip.upto},
                      {"ack", gossip.ack},    {"relay", gossip.relay},       {"cut", gossip.cut},
                      {"probe", gossip.probe}};
    if (!gossip.hears.empty()) {
        body["hears"] = json::value_from(gossip.hears);
    }
    return body;
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

namespace {
// How long a leaf keeps what it learnt for a peer that turns out to be cut
// off from the hub: past it, the hub's reliable link still delivers it after
// the heal.
constexpr std::uint64_t kLearntRounds = 32;
// Unanswered sends after which a peer is sent to every other round only.
constexpr int kBackOffAfter = 2;
// While a leaf is cut off alone, it tries the other leaves once in this many
// rounds: the partitions it meets heal whole, and it probes the hub's link
// between rounds as well.
constexpr std::uint64_t kAloneLeafRounds = 8;
}  // namespace

bool Replica::add(const json::value& element) {
    return learn(element, self_, false);
}

std::vector<Gossip> Replica::receive(const std::string& from, const Gossip& gossip) {
    auto found = links_.find(from);
    if (found == links_.end()) {
        return {};
    }
    Link& link = found->second;
    const bool was_silent = link.unanswered >= kBackOffAfter;
    link.unanswered = 0;
    link.heard = true;
    link.heard_round = round_;
    link.received_upto = std::max(link.received_upto, gossip.upto);
    if (from == hub_) {
        drop_copies_acknowledged_by_hub(gossip.ack);
    }
    link.pending.erase(link.pending.begin(), link.pending.upper_bound(gossip.ack));
    if (link.pending.empty()) {
        link.relay = false;
    }
    if (!is_hub() && from != hub_) {
        note_cut(link, gossip.cut);
    }
    if (!is_hub() && from == hub_ && !gossip.hears.empty()) {
        note_hub_hears(gossip.hears);
    }
    for (const auto& element : gossip.elements) {
        learn(element, from, gossip.relay);
    }
    // The first message across a heal, between the hub and a leaf: the
    // hub's next round is up to a round away, a leaf's send to the hub as
    // well. Answers are not counted as unanswered, or a round's own send
    // would make the peer look silent again at its next message.
    const bool answer_now = is_hub() ? gossip.probe : from == hub_ && was_silent;
    if (answer_now && !link.pending.empty()) {
        link.skipped_last = false;
        return {message(from, link, 0, true)};
    }
    return {};
}

bool Replica::learn(const json::value& element, const std::string& from, bool relay_request) {
    if (!elements_.insert(element).second) {
        return false;
    }
    learnt_.emplace_back(round_, element);
    // A leaf relays only as a substitute for the hub, and only while it does
    // not hear the hub: otherwise the hub, or the leaf that fanned out, has
    // the duty to reach everybody.
    if (is_hub() || (relay_request && hub_cut_rounds() > 0)) {
        auto copies = relay(element, from);
        if (from != self_) {
            attach_copies(std::move(copies));
        }
        return true;
    }
    if (from != hub_) {
        // A client's element, or one heard from a leaf fanning out around the
        // hub: the hub may be reachable from here though not from there.
        if (auto hub = links_.find(hub_); hub != links_.end()) {
            enqueue(hub->second, element);
        }
    }
    for (auto& [peer, link] : links_) {
        if (peer != from && round_ < link.cut_until) {
            pass_on(link, element);
        }
    }
    return true;
}

void Replica::note_cut(Link& link, std::uint64_t rounds) {
    if (rounds == 0) {
        // It hears the hub again, whose link delivers what was passed on.
        link.hub_heard_round = round_;
        link.cut_until = 0;
        std::erase_if(link.pending, [](const auto& entry) { return entry.second.passed_on; });
        return;
    }
    // A leaf that hears the hub no more than its peer, directly or through a
    // leaf, has nothing to pass on.
    const bool near_hub =
        hub_cut_rounds() == 0 || std::any_of(links_.begin(), links_.end(), [this](const auto& l) {
            return l.second.hub_heard_round && *l.second.hub_heard_round + 1 >= round_;
        });
    if (!near_hub) {
        return;
    }
    if (round_ >= link.cut_until) {
        const std::uint64_t since = round_ > rounds + 1 ? round_ - rounds - 1 : 0;
        for (const auto& [round, element] : learnt_) {
            if (round >= since) {
                pass_on(link, element);
            }
        }
    }
    link.cut_until = round_ + static_cast<std::uint64_t>(fallback_rounds_) + 1;
}

void Replica::note_hub_hears(const std::vector<std::string>& leaves) {
    hub_hears_ = {leaves.begin(), leaves.end()};
    hub_hears_round_ = round_;
    for (const auto& leaf : leaves) {
        auto found = links_.find(leaf);
        if (found != links_.end() && leaf != hub_) {
            note_cut(found->second, 0);
        }
    }
}

std::vector<std::string> Replica::heard_leaves() const {
    std::vector<std::string> leaves;
    for (const auto& [peer, link] : links_) {
        // Leaves send at the start of a round, so what arrived since the
        // last round instant counts.
        if (link.heard && link.heard_round + 1 >= round_) {
            leaves.push_back(peer);
        }
    }
    return leaves;
}

bool Replica::ack_needed(const std::string& peer) const {
    return peer == hub_ || hub_hears_round_ != round_ || !hub_hears_.contains(self_) ||
           !hub_hears_.contains(peer);
}

void Replica::pass_on(Link& link, const json::value& element) {
    enqueue(link, element);
    link.pending.rbegin()->second.passed_on = true;
}

std::uint64_t Replica::hub_cut_rounds() const {
    auto hub = links_.find(hub_);
    if (hub == links_.end() || hub->second.unanswered == 0) {
        return 0;
    }
    return hub->second.heard ? round_ - hub->second.heard_round : round_;
}

std::vector<Gossip> Replica::round() {
    ++round_;
    while (!learnt_.empty() && round_ - learnt_.front().first > kLearntRounds) {
        learnt_.pop_front();
    }
    // The hub sends everything now; a leaf only to the hub, and to the other
    // leaves once the hub has had the time to answer (late_round).
    return send(is_hub() ? Recipients::all : Recipients::hub);
}

std::vector<Gossip> Replica::late_round() {
    if (is_hub()) {
        return {};
    }
    route_around_hub();
    return send(Recipients::leaves);
}

std::vector<Gossip> Replica::probe_round() {
    if (!alone()) {
        return {};
    }
    auto out = send(Recipients::hub);
    for (auto& gossip : out) {
        gossip.probe = true;
    }
    return out;
}

std::vector<Gossip> Replica::send(Recipients recipients) {
    const std::uint64_t cut = recipients == Recipients::leaves ? hub_cut_rounds() : 0;
    // Copies routed around the hub wait while it answers: it acknowledges
    // their originals, which it relays to everybody, a round later at most.
    const bool hub_carries_copies = recipients == Recipients::leaves && cut == 0;
    const bool cut_off_alone = alone();
    const auto hears = is_hub() ? heard_leaves() : std::vector<std::string>{};
    std::vector<Gossip> out;
    for (auto& [peer, link] : links_) {
        if ((recipients == Recipients::hub && peer != hub_) ||
            (recipients == Recipients::leaves && peer == hub_)) {
            continue;
        }
        const bool carries =
            hub_carries_copies
                ? std::any_of(link.pending.begin(), link.pending.end(),
                              [](const auto& entry) { return entry.second.passed_on; })
                : !link.pending.empty();
        if (!carries && link.received_upto == link.ack_sent) {
            continue;
        }
        if (!carries && !ack_needed(peer)) {
            // Owed no longer: the peer drops those entries without it.
            link.ack_sent = link.received_upto;
            continue;
        }
        if (cut_off_alone) {
            if (peer != hub_ && round_ % kAloneLeafRounds != 0) {
                continue;
            }
        } else if (link.unanswered >= kBackOffAfter && !link.skipped_last) {
            link.skipped_last = true;
            continue;
        }
        link.skipped_last = false;
        // A bare acknowledgement asks for no answer: its silence says nothing.
        if (carries) {
            ++link.unanswered;
        }
        out.push_back(message(peer, link, cut, !hub_carries_copies));
        out.back().hears = hears;
    }
    return out;
}

Gossip Replica::message(const std::string& peer, Link& link, std::uint64_t cut, bool copies) {
    Gossip gossip{peer, {}, 0, link.received_upto, copies && link.relay, cut};
    gossip.elements.reserve(link.pending.size());
    // Without copies, `upto` is the last entry sent: the acknowledgement
    // drops the copies left out before it, whose originals the hub delivers.
    if (copies) {
        gossip.upto = link.next_seq - 1;
    }
    for (const auto& [seq, entry] : link.pending) {
        if (copies || entry.passed_on) {
            gossip.elements.push_back(entry.element);
            gossip.upto = std::max(gossip.upto, seq);
        }
    }
    link.ack_sent = link.received_upto;
    return gossip;
}

bool Replica::alone() const {
    return !is_hub() && std::all_of(links_.begin(), links_.end(), [this](const auto& entry) {
        return entry.second.unanswered >= fallback_rounds_;
    });
}

void Replica::route_around_hub() {
    auto hub = links_.find(hub_);
    if (hub == links_.end()) {
        return;
    }
    const auto silent = [this](const Link& link) { return link.unanswered >= fallback_rounds_; };
    // Once the hub has been silent for the fallback's rounds, a new element
    // would only wait them out again behind the same cut.
    const bool hub_silent = silent(hub->second);
    std::string via;
    for (auto& [seq, entry] : hub->second.pending) {
        // Entries sent to every peer reach them reliably; one sent to a relay
        // moves on only when that relay stops answering.
        if (entry.routed_via == self_ ||
            (!entry.routed_via.empty() && !silent(links_.at(entry.routed_via))) ||
            (entry.routed_via.empty() && !hub_silent &&
             round_ - entry.round < static_cast<std::uint64_t>(fallback_rounds_))) {
            continue;
        }
        if (via.empty()) {
            via = substitute_relay();
        }
        entry.routed_via = via;
        if (via == self_) {
            auto copies = relay(entry.element, hub_);
            entry.copies.insert(entry.copies.end(), copies.begin(), copies.end());
        } else {
            Link& link = links_.at(via);
            enqueue(link, entry.element);
            link.relay = true;
            entry.copies.emplace_back(via, link.next_seq - 1);
        }
    }
}

std::string Replica::substitute_relay() const {
    std::string best = self_;
    for (const auto& [peer, link] : links_) {
        const bool answering =
            link.heard && link.unanswered < fallback_rounds_ &&
            round_ - link.heard_round <= static_cast<std::uint64_t>(fallback_rounds_);
        if (peer != hub_ && answering && peer < best) {
            best = peer;
        }
    }
    return best;
}

std::size_t Replica::pending(const std::string& peer) const {
    auto found = links_.find(peer);
    return found == links_.end() ? 0 : found->second.pending.size();
}

void Replica::enqueue(Link& link, const json::value& element) {
    link.pending.emplace(link.next_seq++, Entry{element, round_, {}, {}});
}

std::vector<std::pair<std::string, std::uint64_t>> Replica::relay(const json::value& element,
                                                                  const std::string& except) {
    std::vector<std::pair<std::string, std::uint64_t>> copies;
    for (auto& [peer, link] : links_) {
        if (peer != except) {
            enqueue(link, element);
            // This node now carries it to everybody: never route it again.
            link.pending.rbegin()->second.routed_via = self_;
            copies.emplace_back(peer, link.next_seq - 1);
        }
    }
    return copies;
}

void Replica::attach_copies(std::vector<std::pair<std::string, std::uint64_t>> copies) {
    // A relaying leaf's copy to the hub holds the others.
    if (is_hub()) {
        return;
    }
    auto to_hub = std::find_if(copies.begin(), copies.end(),
                               [this](const auto& copy) { return copy.first == hub_; });
    if (to_hub == copies.end()) {
        return;
    }
    Entry& entry = links_.at(hub_).pending.at(to_hub->second);
    copies.erase(to_hub);
    entry.copies = std::move(copies);
}

void Replica::drop_copies_acknowledged_by_hub(std::uint64_t ack) {
    Link& hub = links_.at(hub_);
    for (auto it = hub.pending.begin(); it != hub.pending.end() && it->first <= ack; ++it) {
        for (const auto& [peer, seq] : it->second.copies) {
            Link& link = links_.at(peer);
            link.pending.erase(seq);
            if (link.pending.empty()) {
                link.relay = false;
            }
        }
    }
}

}  // namespace g_set
