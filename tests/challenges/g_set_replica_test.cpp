#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "g-set/replica.hpp"
#include "rounds/round_timing.hpp"

namespace {

namespace json = maelstrom::json;
using g_set::Gossip;
using g_set::Replica;

const std::vector<std::string> kNodes{"n2", "n0", "n1"};

// Delivers every message of one round of `from` (unless dropped) to its peer.
void deliver(std::map<std::string, Replica>& replicas, const std::vector<Gossip>& messages,
             const std::string& from, const std::string& dropped_peer = "") {
    for (const auto& gossip : messages) {
        if (gossip.peer != dropped_peer) {
            replicas.at(gossip.peer)
                .receive(from, gossip.elements, gossip.upto, gossip.ack, gossip.relay);
        }
    }
}

std::map<std::string, Replica> cluster() {
    std::map<std::string, Replica> replicas;
    for (const auto& node : kNodes) {
        replicas.emplace(node, Replica(node, kNodes));
    }
    return replicas;
}

// Leaves first, then the hub, as the clock-aligned rounds run.
void full_round(std::map<std::string, Replica>& replicas) {
    for (const auto& node : {"n1", "n2", "n0"}) {
        deliver(replicas, replicas.at(node).round(), node);
    }
}

TEST(GSetReplica, TheFirstNodeIdIsTheHub) {
    EXPECT_EQ(Replica("n1", kNodes).hub(), "n0");
    EXPECT_TRUE(Replica("n0", kNodes).is_hub());
    EXPECT_TRUE(Replica("n0", {"n0"}).round().empty());
}

TEST(GSetReplica, AnyJsonElementIsKeptOnce) {
    Replica replica("n0", kNodes);
    EXPECT_TRUE(replica.add(json::value(1)));
    EXPECT_TRUE(replica.add(json::parse(R"({"a":[1,2]})")));
    EXPECT_TRUE(replica.add(json::value(1.0)));
    EXPECT_FALSE(replica.add(json::value(1)));
    EXPECT_EQ(replica.elements().size(), 3u);
}

TEST(GSetReplica, ALeafSendsToTheHubOnlyAndTheHubRelaysInTheSameRound) {
    auto replicas = cluster();
    replicas.at("n1").add(json::value(7));
    const auto from_leaf = replicas.at("n1").round();
    ASSERT_EQ(from_leaf.size(), 1u);
    EXPECT_EQ(from_leaf[0].peer, "n0");
    deliver(replicas, from_leaf, "n1");
    const auto from_hub = replicas.at("n0").round();
    // n2 gets the element, n1 only the acknowledgement.
    ASSERT_EQ(from_hub.size(), 2u);
    deliver(replicas, from_hub, "n0");
    EXPECT_EQ(replicas.at("n2").elements().count(json::value(7)), 1u);
    EXPECT_EQ(replicas.at("n1").pending("n0"), 0u);
}

TEST(GSetReplica, IdleClusterFallsSilentAfterTheAcknowledgements) {
    auto replicas = cluster();
    replicas.at("n2").add(json::value("x"));
    full_round(replicas);
    full_round(replicas);
    for (auto& [node, replica] : replicas) {
        EXPECT_TRUE(replica.round().empty()) << node;
    }
}

TEST(GSetReplica, LostMessagesAreResentUntilAcknowledged) {
    auto replicas = cluster();
    replicas.at("n1").add(json::value(1));
    // The partition drops the leaf's message, then the hub's to n2.
    replicas.at("n1").round();
    deliver(replicas, replicas.at("n0").round(), "n0");
    deliver(replicas, replicas.at("n1").round(), "n1", "n2");
    deliver(replicas, replicas.at("n0").round(), "n0", "n2");
    EXPECT_EQ(replicas.at("n2").elements().count(json::value(1)), 0u);
    EXPECT_EQ(replicas.at("n0").pending("n2"), 1u);
    full_round(replicas);
    EXPECT_EQ(replicas.at("n2").elements().count(json::value(1)), 1u);
}

TEST(GSetReplica, ALeafCutOffFromTheHubFansOutToItsPeers) {
    auto replicas = cluster();
    replicas.at("n1").add(json::value(5));
    for (int i = 0; i < 2; ++i) {
        auto messages = replicas.at("n1").round();
        deliver(replicas, messages, "n1", "n0");
    }
    EXPECT_EQ(replicas.at("n2").elements().count(json::value(5)), 1u);
    // n2 acknowledges directly, and the hub still gets it after the heal,
    // at most two rounds later since n1 sends to the silent hub every other round.
    deliver(replicas, replicas.at("n2").round(), "n2", "n0");
    EXPECT_EQ(replicas.at("n1").pending("n2"), 0u);
    full_round(replicas);
    full_round(replicas);
    EXPECT_EQ(replicas.at("n0").elements().count(json::value(5)), 1u);
}

TEST(GSetReplica, BehindASilentHubNewElementsReachTheOtherLeavesInTheNextRound) {
    auto replicas = cluster();
    replicas.at("n1").add(json::value(5));
    for (int i = 0; i < 3; ++i) {
        deliver(replicas, replicas.at("n1").round(), "n1", "n0");
        deliver(replicas, replicas.at("n2").round(), "n2", "n0");
    }
    replicas.at("n1").add(json::value(6));
    deliver(replicas, replicas.at("n1").round(), "n1", "n0");
    EXPECT_EQ(replicas.at("n2").elements().count(json::value(6)), 1u);
}

TEST(GSetReplica, BehindASilentHubANewElementGoesToOneLeafThatRelaysIt) {
    const std::vector<std::string> nodes{"n0", "n1", "n2", "n3"};
    std::map<std::string, Replica> replicas;
    for (const auto& node : nodes) {
        replicas.emplace(node, Replica(node, nodes));
    }
    // The hub n0 is cut off from everybody.
    const auto round_without_hub = [&] {
        for (const auto& node : {"n1", "n2", "n3"}) {
            deliver(replicas, replicas.at(node).round(), node, "n0");
        }
    };
    replicas.at("n2").add(json::value(1));
    replicas.at("n3").add(json::value(2));
    for (int i = 0; i < 3; ++i) {
        round_without_hub();
    }
    // A new element goes to one leaf only, which is asked to relay it and
    // forwards it to the other leaf in its own round.
    replicas.at("n3").add(json::value(3));
    const auto messages = replicas.at("n3").round();
    std::string relay;
    for (const auto& gossip : messages) {
        if (gossip.peer != "n0" && std::find(gossip.elements.begin(), gossip.elements.end(),
                                             json::value(3)) != gossip.elements.end()) {
            EXPECT_TRUE(relay.empty()) << "sent to " << relay << " and " << gossip.peer;
            EXPECT_TRUE(gossip.relay);
            relay = gossip.peer;
        }
    }
    ASSERT_FALSE(relay.empty());
    deliver(replicas, messages, "n3", "n0");
    deliver(replicas, replicas.at(relay).round(), relay, "n0");
    for (const auto& node : {"n1", "n2", "n3"}) {
        EXPECT_EQ(replicas.at(node).elements().size(), 3u) << node;
    }
    // After the heal the hub gets everything.
    for (int i = 0; i < 3; ++i) {
        for (const auto& node : {"n1", "n2", "n3", "n0"}) {
            deliver(replicas, replicas.at(node).round(), node);
        }
    }
    EXPECT_EQ(replicas.at("n0").elements().size(), 3u);
}

TEST(GSetReplica, ALeafHandsItsHubWhatAPeerFannedOutAroundIt) {
    // A ring of five: each node hears two others, the hub n0 only n1 and n4.
    const std::vector<std::string> nodes{"n0", "n1", "n2", "n3", "n4"};
    const std::vector<std::pair<std::string, std::string>> ring{
        {"n0", "n1"}, {"n0", "n4"}, {"n1", "n3"}, {"n2", "n3"}, {"n2", "n4"}};
    const auto linked = [&](const std::string& a, const std::string& b) {
        return std::any_of(ring.begin(), ring.end(), [&](const auto& edge) {
            return (edge.first == a && edge.second == b) || (edge.first == b && edge.second == a);
        });
    };
    std::map<std::string, Replica> replicas;
    for (const auto& node : nodes) {
        replicas.emplace(node, Replica(node, nodes));
    }
    const auto ring_round = [&] {
        for (const auto& node : {"n1", "n2", "n3", "n4", "n0"}) {
            for (const auto& gossip : replicas.at(node).round()) {
                if (linked(node, gossip.peer)) {
                    replicas.at(gossip.peer)
                        .receive(node, gossip.elements, gossip.upto, gossip.ack, gossip.relay);
                }
            }
        }
    };
    // Every node adds an element, so each learns who answers it.
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        replicas.at(nodes[i]).add(json::value(100 + static_cast<int>(i)));
    }
    for (int i = 0; i < 3; ++i) {
        ring_round();
    }
    // n2 and n3 cannot reach the hub: the element must get to it through a
    // leaf that heard it around the hub, n1 or n4, and from it to everybody.
    replicas.at("n2").add(json::value(7));
    ring_round();
    ring_round();
    for (const auto& node : nodes) {
        EXPECT_EQ(replicas.at(node).elements().count(json::value(7)), 1u) << node;
    }
}

TEST(GSetReplica, CopiesSentAroundTheHubStopOnceTheHubHasTheElement) {
    auto replicas = cluster();
    replicas.at("n1").add(json::value(5));
    // n1 hears nobody for two rounds, so it sends to n2 directly as well.
    for (int i = 0; i < 2; ++i) {
        replicas.at("n1").round();
    }
    EXPECT_EQ(replicas.at("n1").pending("n2"), 1u);
    // Then only the hub hears it (n1 backs off and sends to it every other
    // round), and acknowledges.
    for (int i = 0; i < 2; ++i) {
        deliver(replicas, replicas.at("n1").round(), "n1", "n2");
    }
    deliver(replicas, replicas.at("n0").round(), "n0", "n2");
    EXPECT_EQ(replicas.at("n1").pending("n0"), 0u);
    EXPECT_EQ(replicas.at("n1").pending("n2"), 0u);
    EXPECT_EQ(replicas.at("n0").pending("n2"), 1u);
}

TEST(GSetReplica, GossipBodyHasTheWireFields) {
    const Gossip gossip{"n1", json::array{1, "a"}, 4, 2, true};
    EXPECT_EQ(json::value(g_set::gossip_body(gossip)),
              json::parse(R"({"type":"gossip","elements":[1,"a"],"upto":4,"ack":2,"relay":true})"));
}

TEST(GSetTiming, RoundsAreAlignedToTheClockWithTheHubOffset) {
    using std::chrono::milliseconds;
    EXPECT_EQ(
        rounds::delay_to_next_round(milliseconds(10'000), milliseconds(2500), milliseconds(0)),
        milliseconds(2500));
    EXPECT_EQ(
        rounds::delay_to_next_round(milliseconds(10'001), milliseconds(2500), milliseconds(0)),
        milliseconds(2499));
    EXPECT_EQ(
        rounds::delay_to_next_round(milliseconds(10'000), milliseconds(2500), milliseconds(60)),
        milliseconds(60));
}

TEST(GSetTiming, PeriodComesFromTheEnvironment) {
    std::string problems;
    auto lookup = [](const char* value) { return [value](const char*) { return value; }; };
    EXPECT_EQ(rounds::timing_from(lookup("800"), "V", {}, problems).period.count(), 800);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(rounds::timing_from(lookup("1x"), "V", {}, problems).period.count(), 2500);
    EXPECT_EQ(rounds::timing_from(lookup("100"), "V", {}, problems).period.count(), 2500);
    EXPECT_FALSE(problems.empty());
}

}  // namespace
