// How g-set replicas get through a heal: probes from a leaf cut off alone,
// and answers sent at once.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "challenges/g_set_cluster.hpp"

namespace {

namespace json = maelstrom::json;
using g_set::Gossip;
using g_set::Replica;
using g_set_testing::Cluster;

const std::vector<std::string> kThree{"n0", "n1", "n2"};
const std::vector<std::pair<std::string, std::string>> kAllOfThree{
    {"n0", "n1"}, {"n0", "n2"}, {"n1", "n2"}};

bool holds(const Gossip& gossip, const json::value& element) {
    return std::find(gossip.elements.begin(), gossip.elements.end(), element) !=
           gossip.elements.end();
}

// A cluster of three in which every node adds an element a round, as under
// the workload's load.
struct BusyCluster : Cluster {
    BusyCluster() : Cluster(kThree, kAllOfThree) {}
    void busy_round() {
        for (auto& [node, replica] : replicas) {
            replica.add(json::value(next++));
        }
        round();
    }
    int next = 0;
};

TEST(GSetHeal, ALeafCutOffAloneProbesTheHubAndTheHubAnswersAtOnce) {
    BusyCluster cluster;
    cluster.busy_round();
    cluster.links = {{"n0", "n2"}};
    Replica& leaf = cluster.replicas.at("n1");
    cluster.busy_round();
    // Before it has gone unanswered by every peer, it does not probe.
    EXPECT_TRUE(leaf.probe_round().empty());
    for (int i = 0; i < 4; ++i) {
        cluster.busy_round();
    }
    const auto probes = leaf.probe_round();
    ASSERT_EQ(probes.size(), 1u);
    EXPECT_EQ(probes[0].peer, "n0");
    EXPECT_TRUE(probes[0].probe);
    // The heal: the first probe across it brings each side what the other
    // holds, with no round in between.
    cluster.links = kAllOfThree;
    cluster.pass("n1", probes);
    for (const auto& node : {"n0", "n1"}) {
        for (int element = 0; element < cluster.next; ++element) {
            EXPECT_EQ(cluster.replicas.at(node).elements().count(json::value(element)), 1u)
                << node << " lacks " << element;
        }
    }
}

TEST(GSetHeal, TheHubAnswersAProbeAtOnceButLeavesARoundsMessageToItsRound) {
    Replica hub("n0", kThree);
    hub.add(json::value("a"));
    // n1 has not answered two rounds.
    hub.round();
    hub.round();
    EXPECT_TRUE(hub.receive("n1", {"n0", json::array{"b"}, 1, 0}).empty());
    hub.round();
    hub.round();
    const auto answers = hub.receive("n1", {"n0", json::array{"b", "c"}, 2, 0, false, 0, true});
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0].peer, "n1");
    EXPECT_TRUE(holds(answers[0], json::value("a")));
    EXPECT_EQ(answers[0].ack, 2u);
    EXPECT_FALSE(answers[0].probe);
}

TEST(GSetHeal, ALeafAnswersAHubItHadStoppedHearingAtOnce) {
    Replica leaf("n1", kThree);
    leaf.add(json::value("x"));
    leaf.round();
    leaf.round();
    const auto answers = leaf.receive("n0", {"n1", json::array{"y"}, 1, 0});
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0].peer, "n0");
    EXPECT_TRUE(holds(answers[0], json::value("x")));
    EXPECT_EQ(answers[0].ack, 1u);
}

TEST(GSetHeal, AnAnswerAtOnceDoesNotMakeTheHubLookSilent) {
    // Were the answer counted among the sends the hub leaves unanswered,
    // the leaf's next round would make two, and the hub's next message
    // would be answered at once again: one message more every round.
    Replica leaf("n1", kThree);
    leaf.add(json::value("x"));
    leaf.round();
    leaf.round();
    ASSERT_EQ(leaf.receive("n0", {"n1", json::array{"y"}, 1, 0}).size(), 1u);
    // A client's element arrives after the leaf's round, before the hub's.
    leaf.round();
    leaf.add(json::value("z"));
    EXPECT_TRUE(leaf.receive("n0", {"n1", json::array{}, 1, 1}).empty());
}

TEST(GSetHeal, ALeafLeavesItsAnswerToALeafToItsRound) {
    // n1 has heard nobody, so it sends its element to n2 as well, which does
    // not answer for two rounds either.
    Replica leaf("n1", kThree);
    leaf.add(json::value("x"));
    for (int i = 0; i < 4; ++i) {
        leaf.round();
        leaf.late_round();
    }
    ASSERT_EQ(leaf.pending("n2"), 1u);
    EXPECT_TRUE(leaf.receive("n2", {"n1", json::array{"w"}, 1, 0}).empty());
}

TEST(GSetHeal, ALeafCutOffAloneTriesTheOtherLeavesEveryEighthRound) {
    BusyCluster cluster;
    cluster.busy_round();
    cluster.links = {{"n0", "n2"}};
    for (int i = 0; i < 4; ++i) {
        cluster.busy_round();
    }
    const int to_leaf = cluster.sent_from_to("n1", "n2");
    const int to_hub = cluster.sent_from_to("n1", "n0");
    for (int i = 0; i < 8; ++i) {
        cluster.busy_round();
    }
    EXPECT_EQ(cluster.sent_from_to("n1", "n2") - to_leaf, 1);
    // The hub, at the start of every round and at its probe.
    EXPECT_EQ(cluster.sent_from_to("n1", "n0") - to_hub, 16);
}

TEST(GSetHeal, TheHubNamesTheLeavesItHeardSinceItsLastRound) {
    const std::vector<std::string> four{"n0", "n1", "n2", "n3"};
    Replica hub("n0", four);
    hub.add(json::value("a"));
    hub.receive("n1", {"n0", json::array{"b"}, 1, 0});
    hub.receive("n3", {"n0", json::array{"c"}, 1, 0});
    const auto round = hub.round();
    ASSERT_EQ(round.size(), 3u);
    for (const auto& gossip : round) {
        EXPECT_EQ(gossip.hears, (std::vector<std::string>{"n1", "n3"})) << gossip.peer;
    }
    const auto next = hub.round();
    ASSERT_FALSE(next.empty());
    for (const auto& gossip : next) {
        EXPECT_TRUE(gossip.hears.empty()) << gossip.peer;
    }
}

TEST(GSetHeal, ALeafDropsWhatItPassedOnToALeafTheHubNames) {
    Replica leaf("n1", kThree);
    leaf.round();
    leaf.receive("n0", {"n1", json::array{"a"}, 1, 0});
    // n2 has not heard the hub for two rounds: n1, which hears it, hands n2
    // what it learnt.
    leaf.receive("n2", {"n1", json::array{}, 0, 0, false, 2});
    ASSERT_EQ(leaf.pending("n2"), 1u);
    // The hub's next round names n2, whose link to the hub delivers.
    leaf.round();
    leaf.receive("n0", {"n1", json::array{}, 1, 0, false, 0, false, {"n1", "n2"}});
    EXPECT_EQ(leaf.pending("n2"), 0u);
    // Nor does it pass on what it learns from now on.
    leaf.receive("n0", {"n1", json::array{"b"}, 2, 0});
    EXPECT_EQ(leaf.pending("n2"), 0u);
}

// The messages a leaf's late round sends `peer`.
std::vector<Gossip> late_to(Replica& leaf, const std::string& peer) {
    auto out = leaf.late_round();
    std::erase_if(out, [&](const Gossip& gossip) { return gossip.peer != peer; });
    return out;
}

TEST(GSetHeal, ALeafLeavesOutABareAckToALeafWhenTheHubNamedBoth) {
    const auto owing = [] {
        Replica leaf("n1", kThree);
        leaf.round();
        leaf.receive("n2", {"n1", json::array{"x"}, 1, 0});
        return leaf;
    };
    Replica named_both = owing();
    named_both.receive("n0", {"n1", json::array{}, 0, 0, false, 0, false, {"n1", "n2"}});
    EXPECT_TRUE(late_to(named_both, "n2").empty());
    // Nor does it owe the acknowledgement later.
    named_both.round();
    EXPECT_TRUE(late_to(named_both, "n2").empty());

    Replica named_one = owing();
    named_one.receive("n0", {"n1", json::array{}, 0, 0, false, 0, false, {"n1"}});
    const auto acks = late_to(named_one, "n2");
    ASSERT_EQ(acks.size(), 1u);
    EXPECT_EQ(acks[0].ack, 1u);
    EXPECT_TRUE(acks[0].elements.empty());

    // A list from an earlier round says nothing of this one.
    Replica named_before = owing();
    named_before.receive("n0", {"n1", json::array{}, 0, 0, false, 0, false, {"n1", "n2"}});
    named_before.round();
    EXPECT_EQ(late_to(named_before, "n2").size(), 1u);
}

TEST(GSetHeal, ALeafHoldsWhatItRoutedAroundTheHubWhileTheHubAnswers) {
    const auto routed = [] {
        Replica leaf("n1", kThree);
        leaf.add(json::value("x"));
        // The hub leaves two rounds unanswered: x goes around it, to n2.
        for (int i = 0; i < 2; ++i) {
            leaf.round();
            leaf.late_round();
        }
        leaf.round();
        return leaf;
    };
    Replica answered = routed();
    ASSERT_EQ(answered.pending("n2"), 1u);
    answered.receive("n0", {"n1", json::array{"y"}, 1, 0});
    EXPECT_TRUE(late_to(answered, "n2").empty());
    // The hub's acknowledgement of x drops the copy.
    answered.receive("n0", {"n1", json::array{}, 1, 1});
    EXPECT_EQ(answered.pending("n2"), 0u);

    Replica unanswered = routed();
    const auto around = late_to(unanswered, "n2");
    ASSERT_EQ(around.size(), 1u);
    EXPECT_TRUE(holds(around[0], json::value("x")));
}

TEST(GSetHeal, WhatALeafPassesOnWhileItHoldsItsCopiesIsNotToBeRelayed) {
    Replica leaf("n2", kThree);
    leaf.add(json::value("x"));
    // The hub leaves two rounds unanswered while n1 answers: x goes to n1,
    // to relay.
    for (int i = 0; i < 2; ++i) {
        leaf.round();
        leaf.receive("n1", {"n2", json::array{}, 0, 0});
        leaf.late_round();
    }
    ASSERT_EQ(leaf.pending("n1"), 1u);
    // The hub answers, and n1 says it has lost the hub: n2 passes on to n1
    // what it has, which n1 is not to fan out to everybody.
    leaf.round();
    leaf.receive("n0", {"n2", json::array{"h"}, 1, 0});
    leaf.receive("n1", {"n2", json::array{}, 0, 0, false, 2});
    const auto out = late_to(leaf, "n1");
    ASSERT_EQ(out.size(), 1u);
    EXPECT_TRUE(holds(out[0], json::value("h")));
    EXPECT_FALSE(out[0].relay);
}

}  // namespace
