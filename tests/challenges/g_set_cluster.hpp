#pragma once
// Test clusters of g-set replicas: messages are handed from replica to
// replica in the phases of a clock-aligned round, through the links a test
// leaves up.
#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "g-set/replica.hpp"

namespace g_set_testing {

namespace json = maelstrom::json;
using g_set::Gossip;
using g_set::Replica;

inline const std::vector<std::string> kNodes{"n2", "n0", "n1"};

// Delivers each of `messages` from `from` that `reaches(from, peer)` lets
// through, and the answers their peers send at once.
template <class Reaches>
void deliver_where(std::map<std::string, Replica>& replicas, const std::vector<Gossip>& messages,
                   const std::string& from, const Reaches& reaches) {
    for (const auto& gossip : messages) {
        if (reaches(from, gossip.peer)) {
            const auto answers = replicas.at(gossip.peer).receive(from, gossip);
            deliver_where(replicas, answers, gossip.peer, reaches);
        }
    }
}

// Delivers every message of one round of `from` to its peer, but for those
// to `dropped_peer`.
inline void deliver(std::map<std::string, Replica>& replicas, const std::vector<Gossip>& messages,
                    const std::string& from, const std::string& dropped_peer = "") {
    deliver_where(replicas, messages, from,
                  [&](const std::string& sender, const std::string& peer) {
                      return sender != dropped_peer && peer != dropped_peer;
                  });
}

inline std::map<std::string, Replica> cluster() {
    std::map<std::string, Replica> replicas;
    for (const auto& node : kNodes) {
        replicas.emplace(node, Replica(node, kNodes));
    }
    return replicas;
}

// A leaf's messages of a round, to the hub and, without waiting for the hub,
// to the other leaves, then the probes between rounds.
inline std::vector<Gossip> whole_round(Replica& replica) {
    auto out = replica.round();
    for (auto phase : {&Replica::late_round, &Replica::probe_round}) {
        auto more = (replica.*phase)();
        out.insert(out.end(), more.begin(), more.end());
    }
    return out;
}

// One round in the phases of the clock-aligned rounds: leaves to the hub,
// the hub, leaves to leaves, then a probe; messages pass where `reaches`
// lets them.
template <class Reaches>
void round_where(std::map<std::string, Replica>& replicas, const Reaches& reaches) {
    for (bool hub : {false, true}) {
        for (auto& [node, replica] : replicas) {
            if (replica.is_hub() == hub) {
                deliver_where(replicas, replica.round(), node, reaches);
            }
        }
    }
    for (auto phase : {&Replica::late_round, &Replica::probe_round}) {
        for (auto& [node, replica] : replicas) {
            deliver_where(replicas, (replica.*phase)(), node, reaches);
        }
    }
}

// A round in which every message gets through.
inline void full_round(std::map<std::string, Replica>& replicas) {
    round_where(replicas, [](const std::string&, const std::string&) { return true; });
}

// A cluster whose messages pass only between the pairs of nodes in `links`
// (both ways), run in the phases of a clock-aligned round.
struct Cluster {
    Cluster(std::vector<std::string> all, std::vector<std::pair<std::string, std::string>> heard)
        : nodes(std::move(all)), links(std::move(heard)) {
        for (const auto& node : nodes) {
            replicas.emplace(node, Replica(node, nodes));
        }
    }
    bool linked(const std::string& a, const std::string& b) const {
        return std::any_of(links.begin(), links.end(), [&](const auto& link) {
            return (link.first == a && link.second == b) || (link.first == b && link.second == a);
        });
    }
    // Whether a message gets through the links, counting it either way.
    bool reaches(const std::string& from, const std::string& to) {
        ++sent;
        ++sent_between[{from, to}];
        return linked(from, to);
    }
    void pass(const std::string& from, const std::vector<Gossip>& messages) {
        deliver_where(replicas, messages, from,
                      [this](const std::string& a, const std::string& b) { return reaches(a, b); });
    }
    // One phase of a round, on every node.
    template <class Phase>
    void run(Phase phase) {
        for (auto& [node, replica] : replicas) {
            pass(node, (replica.*phase)());
        }
    }
    void round() {
        round_where(replicas,
                    [this](const std::string& a, const std::string& b) { return reaches(a, b); });
    }
    // Messages `from` has sent `to`, delivered or not.
    int sent_from_to(const std::string& from, const std::string& to) const {
        auto found = sent_between.find({from, to});
        return found == sent_between.end() ? 0 : found->second;
    }
    bool everybody_has(const json::value& element) const {
        return std::all_of(replicas.begin(), replicas.end(), [&](const auto& entry) {
            return entry.second.elements().count(element) == 1;
        });
    }

    std::vector<std::string> nodes;
    std::vector<std::pair<std::string, std::string>> links;
    std::map<std::string, Replica> replicas;
    int sent = 0;
    std::map<std::pair<std::string, std::string>, int> sent_between;  // by sender, recipient
};

}  // namespace g_set_testing
