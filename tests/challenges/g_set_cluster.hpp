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

// Leaves to the hub, then the hub, then leaves to leaves, then a probe, as the clock-aligned rounds
// run.
inline void full_round(std::map<std::string, Replica>& replicas) {
    for (const auto& node : {"n1", "n2", "n0"}) {
        deliver(replicas, replicas.at(node).round(), node);
    }
    for (auto phase : {&Replica::late_round, &Replica::probe_round}) {
        for (const auto& node : {"n1", "n2"}) {
            deliver(replicas, (replicas.at(node).*phase)(), node);
        }
    }
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
    void pass(const std::string& from, const std::vector<Gossip>& messages) {
        deliver_where(replicas, messages, from, [this](const std::string& a, const std::string& b) {
            ++sent;
            ++sent_between[{a, b}];
            return linked(a, b);
        });
    }
    // Leaves to the hub, then the hub.
    void start_round() {
        for (bool hub : {false, true}) {
            for (auto& [node, replica] : replicas) {
                if (replica.is_hub() == hub) {
                    pass(node, replica.round());
                }
            }
        }
    }
    template <class Phase>
    void run(Phase phase) {
        for (auto& [node, replica] : replicas) {
            pass(node, (replica.*phase)());
        }
    }
    // Leaves to the hub, the hub, then leaves to leaves, then a probe.
    void round() {
        start_round();
        run(&Replica::late_round);
        run(&Replica::probe_round);
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
