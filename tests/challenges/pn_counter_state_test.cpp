#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "pn-counter/counter.hpp"

namespace {

using pn_counter::Counter;
using pn_counter::Outgoing;

const std::vector<std::string> kNodes{"n0", "n1", "n2"};

void deliver(std::map<std::string, Counter>& counters, const std::vector<Outgoing>& messages,
             const std::string& from, const std::string& dropped_peer = "") {
    for (const auto& message : messages) {
        if (message.peer != dropped_peer) {
            counters.at(message.peer).receive(from, message.body);
        }
    }
}

std::map<std::string, Counter> cluster() {
    std::map<std::string, Counter> counters;
    for (const auto& node : kNodes) {
        counters.emplace(node, Counter(node, kNodes));
    }
    return counters;
}

void full_round(std::map<std::string, Counter>& counters) {
    for (const auto& node : {"n1", "n2", "n0"}) {
        deliver(counters, counters.at(node).round(), node);
    }
}

TEST(PnCounter, PositiveAndNegativeDeltasAreCountedApart) {
    Counter counter("n1", kNodes);
    EXPECT_TRUE(counter.add(4));
    EXPECT_TRUE(counter.add(-5));
    EXPECT_TRUE(counter.add(0));
    EXPECT_EQ(counter.value(), -1);
    EXPECT_EQ(counter.counts().at("n1").plus, 4);
    EXPECT_EQ(counter.counts().at("n1").minus, 5);
}

TEST(PnCounter, OverflowingDeltasAreRefused) {
    Counter counter("n0", kNodes);
    EXPECT_TRUE(counter.add(std::numeric_limits<std::int64_t>::max()));
    EXPECT_FALSE(counter.add(1));
    EXPECT_FALSE(counter.add(std::numeric_limits<std::int64_t>::min()));
    EXPECT_EQ(counter.value(), std::numeric_limits<std::int64_t>::max());
}

TEST(PnCounter, MergeTakesTheMaximumAndNeverTheOwnEntry) {
    Counter counter("n0", kNodes);
    counter.add(2);
    pn_counter::CountsBody body;
    body.counts = {{"n0", {100, 0}}, {"n1", {5, 3}}};
    body.version = 1;
    counter.receive("n1", body);
    body.counts = {{"n1", {4, 1}}};  // stale
    counter.receive("n1", body);
    EXPECT_EQ(counter.value(), 4);
}

TEST(PnCounter, RoundsConvergeThroughTheHubAndFallSilent) {
    auto counters = cluster();
    counters.at("n1").add(3);
    counters.at("n2").add(-4);
    full_round(counters);
    for (auto& [node, counter] : counters) {
        EXPECT_EQ(counter.value(), -1) << node;
    }
    full_round(counters);
    full_round(counters);
    for (auto& [node, counter] : counters) {
        EXPECT_TRUE(counter.round().empty()) << node;
    }
}

TEST(PnCounter, ChangesLostToAPartitionArriveAfterTheHeal) {
    auto counters = cluster();
    counters.at("n2").add(7);
    // Two rounds during which n2 and the hub cannot talk to each other.
    for (int i = 0; i < 2; ++i) {
        deliver(counters, counters.at("n2").round(), "n2", "n0");
        deliver(counters, counters.at("n0").round(), "n0", "n2");
    }
    EXPECT_EQ(counters.at("n0").value(), 0);
    full_round(counters);
    full_round(counters);
    for (auto& [node, counter] : counters) {
        EXPECT_EQ(counter.value(), 7) << node;
    }
}

TEST(PnCounter, ALeafCutOffFromTheHubFansOut) {
    auto counters = cluster();
    counters.at("n1").add(2);
    for (int i = 0; i < 3; ++i) {
        deliver(counters, counters.at("n1").round(), "n1", "n0");
    }
    EXPECT_EQ(counters.at("n2").value(), 2);
}

TEST(PnCounter, ALeafUnderSteadyLoadTalksOnlyToTheHub) {
    auto counters = cluster();
    for (int i = 0; i < 10; ++i) {
        // Adds land between a leaf's send and the hub's acknowledgement, so
        // the hub never confirms a leaf's newest version.
        auto n1 = counters.at("n1").round();
        auto n2 = counters.at("n2").round();
        counters.at("n1").add(1);
        counters.at("n2").add(1);
        for (const auto& [from, messages] : {std::pair{"n1", n1}, std::pair{"n2", n2}}) {
            for (const auto& message : messages) {
                EXPECT_EQ(message.peer, "n0") << from << " in round " << i;
            }
            deliver(counters, messages, from);
        }
        deliver(counters, counters.at("n0").round(), "n0");
    }
    full_round(counters);
    full_round(counters);
    for (auto& [node, counter] : counters) {
        EXPECT_EQ(counter.value(), 20) << node;
    }
}

TEST(PnCounter, CountsBodyRoundTripsThroughJson) {
    pn_counter::CountsBody body;
    body.counts = {{"n0", {1, 2}}};
    body.version = 3;
    body.ack = 1;
    const auto json = boost::json::value_from(body);
    EXPECT_EQ(json,
              boost::json::parse(
                  R"({"type":"counts","counts":{"n0":{"plus":1,"minus":2}},"version":3,"ack":1})"));
    const auto back = boost::json::value_to<pn_counter::CountsBody>(json);
    EXPECT_EQ(back.counts.at("n0").minus, 2);
    EXPECT_EQ(back.version, 3u);
}

}  // namespace
