#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>
#include <map>
#include <string>

#include "g-counter/counter_config.hpp"
#include "g-counter/counter_state.hpp"

namespace {

using g_counter::CounterState;

TEST(GCounterState, AddsAccumulateInTheOwnEntry) {
    CounterState state("n1");
    EXPECT_TRUE(state.add(3));
    EXPECT_TRUE(state.add(0));
    EXPECT_TRUE(state.add(4));
    EXPECT_EQ(state.own(), 7);
    EXPECT_EQ(state.value(), 7);
}

TEST(GCounterState, NegativeOrOverflowingDeltasAreRefused) {
    CounterState state("n1");
    EXPECT_FALSE(state.add(-1));
    EXPECT_TRUE(state.add(std::numeric_limits<std::int64_t>::max()));
    EXPECT_FALSE(state.add(1));
    EXPECT_EQ(state.own(), std::numeric_limits<std::int64_t>::max());
}

TEST(GCounterState, MergeKeepsTheLargestTotalPerNode) {
    CounterState state("n0");
    state.add(2);
    EXPECT_TRUE(state.merge("n1", 5));
    // A stale read of n1's key returns an older, smaller total.
    EXPECT_FALSE(state.merge("n1", 3));
    EXPECT_TRUE(state.merge("n2", 1));
    EXPECT_EQ(state.value(), 8);
}

TEST(GCounterState, OwnEntryIsNeverTakenFromOutside) {
    CounterState state("n0");
    state.add(2);
    state.merge(std::map<std::string, std::int64_t>{{"n0", 100}, {"n1", 4}});
    EXPECT_EQ(state.own(), 2);
    EXPECT_EQ(state.value(), 6);
}

TEST(GCounterState, SumSaturatesInsteadOfOverflowing) {
    CounterState state("n0");
    state.merge("n1", std::numeric_limits<std::int64_t>::max());
    state.merge("n2", 10);
    EXPECT_EQ(state.value(), std::numeric_limits<std::int64_t>::max());
}

TEST(GCounterState, GossipBodyRoundTripsThroughJson) {
    g_counter::TotalsBody body;
    body.totals = {{"n0", 1}, {"n1", 9}};
    const auto json = boost::json::value_from(body);
    EXPECT_EQ(json.at("type"), "totals");
    const auto back = boost::json::value_to<g_counter::TotalsBody>(json);
    EXPECT_EQ(back.totals, body.totals);
}

std::map<std::string, std::string> environment;

const char* lookup(const char* name) {
    auto found = environment.find(name);
    return found == environment.end() ? nullptr : found->second.c_str();
}

TEST(GCounterConfig, ReadsPeriodsAndRejectsBadOnes) {
    std::string problems;
    environment = {{"GCOUNTER_SYNC_MS", "250"}, {"GCOUNTER_GOSSIP_MS", "0"}};
    auto config = g_counter::config_from(lookup, problems);
    EXPECT_EQ(config.sync_interval.count(), 250);
    EXPECT_EQ(config.gossip_interval.count(), 0);
    EXPECT_TRUE(problems.empty());

    environment = {{"GCOUNTER_SYNC_MS", "0"}, {"GCOUNTER_GOSSIP_MS", "abc"}};
    config = g_counter::config_from(lookup, problems);
    EXPECT_EQ(config.sync_interval.count(), 500);
    EXPECT_EQ(config.gossip_interval.count(), 500);
    EXPECT_NE(problems.find("GCOUNTER_SYNC_MS"), std::string::npos);
    EXPECT_NE(problems.find("GCOUNTER_GOSSIP_MS"), std::string::npos);
}

}  // namespace
