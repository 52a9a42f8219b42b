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

TEST(GSetHeal, ALeafCutOffAloneTriesTheOtherLeavesEveryFourthRound) {
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
    EXPECT_EQ(cluster.sent_from_to("n1", "n2") - to_leaf, 2);
    // The hub, at the start of every round and at its probe.
    EXPECT_EQ(cluster.sent_from_to("n1", "n0") - to_hub, 16);
}

}  // namespace
