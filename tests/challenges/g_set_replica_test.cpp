#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "challenges/g_set_cluster.hpp"

namespace {

namespace json = maelstrom::json;
using g_set::Gossip;
using g_set::Replica;
using namespace g_set_testing;

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
        EXPECT_TRUE(whole_round(replica).empty()) << node;
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
        auto messages = whole_round(replicas.at("n1"));
        deliver(replicas, messages, "n1", "n0");
    }
    EXPECT_EQ(replicas.at("n2").elements().count(json::value(5)), 1u);
    // n2 acknowledges directly, and the hub still gets it after the heal,
    // at most two rounds later since n1 sends to the silent hub every other round.
    deliver(replicas, whole_round(replicas.at("n2")), "n2", "n0");
    EXPECT_EQ(replicas.at("n1").pending("n2"), 0u);
    full_round(replicas);
    full_round(replicas);
    EXPECT_EQ(replicas.at("n0").elements().count(json::value(5)), 1u);
}

TEST(GSetReplica, BehindASilentHubNewElementsReachTheOtherLeavesInTheNextRound) {
    auto replicas = cluster();
    replicas.at("n1").add(json::value(5));
    for (int i = 0; i < 3; ++i) {
        deliver(replicas, whole_round(replicas.at("n1")), "n1", "n0");
        deliver(replicas, whole_round(replicas.at("n2")), "n2", "n0");
    }
    replicas.at("n1").add(json::value(6));
    deliver(replicas, whole_round(replicas.at("n1")), "n1", "n0");
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
            deliver(replicas, whole_round(replicas.at(node)), node, "n0");
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
    const auto messages = whole_round(replicas.at("n3"));
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
    deliver(replicas, whole_round(replicas.at(relay)), relay, "n0");
    for (const auto& node : {"n1", "n2", "n3"}) {
        EXPECT_EQ(replicas.at(node).elements().size(), 3u) << node;
    }
    // After the heal the hub gets everything.
    for (int i = 0; i < 3; ++i) {
        for (const auto& node : {"n1", "n2", "n3", "n0"}) {
            deliver(replicas, whole_round(replicas.at(node)), node);
        }
    }
    EXPECT_EQ(replicas.at("n0").elements().size(), 3u);
}

TEST(GSetReplica, ALeafHandsItsHubWhatAPeerFannedOutAroundIt) {
    // A ring of five: each node hears two others, the hub n0 only n1 and n4.
    Cluster ring({"n0", "n1", "n2", "n3", "n4"},
                 {{"n0", "n1"}, {"n0", "n4"}, {"n1", "n3"}, {"n2", "n3"}, {"n2", "n4"}});
    auto& replicas = ring.replicas;
    const auto& nodes = ring.nodes;
    const auto ring_round = [&] { ring.round(); };
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

TEST(GSetReplica, ALeafThatHearsTheHubPassesOnWhatALeafCutOffFromItLacks) {
    // Every node adds an element each round, as under the workload's load.
    const std::vector<std::pair<std::string, std::string>> full{
        {"n0", "n1"}, {"n0", "n2"}, {"n0", "n3"}, {"n0", "n4"}, {"n1", "n2"},
        {"n1", "n3"}, {"n1", "n4"}, {"n2", "n3"}, {"n2", "n4"}, {"n3", "n4"}};
    Cluster cluster({"n0", "n1", "n2", "n3", "n4"}, full);
    int next = 0;
    const auto busy_round = [&] {
        for (auto& [node, replica] : cluster.replicas) {
            replica.add(json::value(next++));
        }
        cluster.round();
    };
    busy_round();
    // A ring of five the hub is half inside: it hears n1 and n2, while n3
    // and n4 hear only leaves. What the hub adds as the ring forms reaches
    // n3 and n4 through n1 and n2, though the hub's own links cannot.
    cluster.links = {{"n0", "n1"}, {"n0", "n2"}, {"n1", "n3"}, {"n3", "n4"}, {"n4", "n2"}};
    cluster.replicas.at("n0").add(json::value("at the cut"));
    for (int i = 0; i < 4; ++i) {
        busy_round();
    }
    EXPECT_TRUE(cluster.everybody_has(json::value("at the cut")));
    EXPECT_TRUE(cluster.everybody_has(json::value(5)));  // the hub's of the first ring round
    // Once they hear the hub again, the hub's links deliver: what was passed
    // on is not resent, and an idle cluster falls silent.
    cluster.links = full;
    for (int i = 0; i < 2; ++i) {
        busy_round();
    }
    for (int i = 0; i < 3; ++i) {
        cluster.round();
    }
    for (const auto& leaf : {"n1", "n2"}) {
        for (const auto& cut : {"n3", "n4"}) {
            EXPECT_EQ(cluster.replicas.at(leaf).pending(cut), 0u) << leaf << " to " << cut;
        }
    }
    const int before = cluster.sent;
    cluster.round();
    EXPECT_EQ(cluster.sent, before);
}

TEST(GSetReplica, OnlyALeafThatHearsTheHubPassesOn) {
    // The hub is cut off from both leaves: neither has anything from it to
    // hand the other, whatever they tell each other.
    Cluster cluster({"n0", "n1", "n2"}, {{"n0", "n1"}, {"n0", "n2"}, {"n1", "n2"}});
    cluster.replicas.at("n0").add(json::value("old"));
    cluster.round();
    cluster.links = {{"n1", "n2"}};
    for (int i = 0; i < 4; ++i) {
        cluster.replicas.at("n1").add(json::value(i));
        cluster.replicas.at("n2").add(json::value(10 + i));
        for (auto& [node, replica] : cluster.replicas) {
            cluster.pass(node, replica.round());
        }
        for (const auto& leaf : {"n1", "n2"}) {
            const auto messages = cluster.replicas.at(leaf).late_round();
            for (const auto& gossip : messages) {
                EXPECT_TRUE(std::find(gossip.elements.begin(), gossip.elements.end(),
                                      json::value("old")) == gossip.elements.end())
                    << leaf << " round " << i;
            }
            cluster.pass(leaf, messages);
        }
    }
    EXPECT_EQ(cluster.replicas.at("n2").elements().size(), 9u);
}

TEST(GSetReplica, ALeafThatBackedOffFromTheHubAnswersItInTheRoundItHearsItAgain) {
    // Whichever round the heal falls in, by the end of the first round in
    // which the hub's message gets through, the hub has what the cut-off
    // leaf added meanwhile.
    for (int cut_rounds = 4; cut_rounds <= 7; ++cut_rounds) {
        const std::vector<std::pair<std::string, std::string>> full{
            {"n0", "n1"}, {"n0", "n2"}, {"n1", "n2"}};
        Cluster cluster({"n0", "n1", "n2"}, full);
        cluster.links = {{"n0", "n2"}};
        for (int i = 0; i < cut_rounds; ++i) {
            // The hub starts sending to n1 a round after n1 to it, so that
            // they back off in turns: each side skips the rounds the other
            // sends in.
            if (i > 0) {
                cluster.replicas.at("n0").add(json::value("hub " + std::to_string(i)));
            }
            cluster.replicas.at("n1").add(json::value(i));
            cluster.round();
        }
        cluster.links = full;
        for (int i = 0; i < 3; ++i) {
            cluster.round();
            if (cluster.replicas.at("n1").elements().count(json::value("hub 1")) == 1) {
                break;
            }
        }
        ASSERT_EQ(cluster.replicas.at("n1").elements().count(json::value("hub 1")), 1u);
        for (int i = 0; i < cut_rounds; ++i) {
            EXPECT_EQ(cluster.replicas.at("n0").elements().count(json::value(i)), 1u)
                << "cut for " << cut_rounds << " rounds, element " << i;
        }
    }
}

TEST(GSetReplica, ARelayThatHearsTheHubHandsItWhatItIsAskedToRelay) {
    // n1 and n2 are cut off from each other and n3 from the hub: n3 asks a
    // leaf it hears to relay. n2, which hears the hub, hands the hub n3's
    // elements instead of sending them to n1, whom it cannot reach.
    const std::vector<std::pair<std::string, std::string>> full{
        {"n0", "n1"}, {"n0", "n2"}, {"n0", "n3"}, {"n1", "n2"}, {"n1", "n3"}, {"n2", "n3"}};
    Cluster cluster({"n0", "n1", "n2", "n3"}, full);
    cluster.links = {{"n0", "n1"}, {"n0", "n2"}, {"n2", "n3"}};
    for (int i = 0; i < 5; ++i) {
        cluster.replicas.at("n3").add(json::value(i));
        cluster.replicas.at("n1").add(json::value(10 + i));
        cluster.round();
    }
    EXPECT_TRUE(cluster.everybody_has(json::value(0)));
    EXPECT_EQ(cluster.replicas.at("n2").pending("n1"), 0u);
}

TEST(GSetReplica, AHubOwedOnlyAnAcknowledgementIsNotTakenForSilent) {
    // A bare acknowledgement to the hub asks for no answer, so its silence
    // must not make the leaf tell another leaf that it is cut off.
    Replica leaf("n1", {"n0", "n1", "n2"});
    leaf.receive("n0", {"n1", json::array{"from the hub"}, 1, 0});
    const auto to_hub = leaf.round();
    ASSERT_EQ(to_hub.size(), 1u);
    EXPECT_TRUE(to_hub[0].elements.empty());
    leaf.receive("n2", {"n1", json::array{"from a leaf"}, 1, 0});
    const auto to_leaves = leaf.late_round();
    ASSERT_EQ(to_leaves.size(), 1u);
    EXPECT_EQ(to_leaves[0].peer, "n2");
    EXPECT_EQ(to_leaves[0].cut, 0u);
}

TEST(GSetReplica, CopiesSentAroundTheHubStopOnceTheHubHasTheElement) {
    auto replicas = cluster();
    replicas.at("n1").add(json::value(5));
    // n1 hears nobody for two rounds, so it sends to n2 directly as well.
    for (int i = 0; i < 2; ++i) {
        whole_round(replicas.at("n1"));
    }
    EXPECT_EQ(replicas.at("n1").pending("n2"), 1u);
    // Then only the hub hears it (n1 backs off and sends to it every other
    // round), and acknowledges.
    for (int i = 0; i < 2; ++i) {
        deliver(replicas, whole_round(replicas.at("n1")), "n1", "n2");
    }
    deliver(replicas, replicas.at("n0").round(), "n0", "n2");
    EXPECT_EQ(replicas.at("n1").pending("n0"), 0u);
    EXPECT_EQ(replicas.at("n1").pending("n2"), 0u);
    EXPECT_EQ(replicas.at("n0").pending("n2"), 1u);
}

TEST(GSetReplica, GossipBodyHasTheWireFields) {
    const Gossip gossip{"n1", json::array{1, "a"}, 4, 2, true, 3, true};
    EXPECT_EQ(json::value(g_set::gossip_body(gossip)),
              json::parse(R"({"type":"gossip","elements":[1,"a"],"upto":4,"ack":2,)"
                          R"("relay":true,"cut":3,"probe":true})"));
    // The hub's list of the leaves it heard goes only where it names some.
    const Gossip from_hub{"n1", json::array{}, 1, 0, false, 0, false, {"n1", "n2"}};
    EXPECT_EQ(json::value(g_set::gossip_body(from_hub)),
              json::parse(R"({"type":"gossip","elements":[],"upto":1,"ack":0,)"
                          R"("relay":false,"cut":0,"probe":false,"hears":["n1","n2"]})"));
}

}  // namespace
