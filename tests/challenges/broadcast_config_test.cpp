#include "broadcast/broadcast_config.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <string>

namespace {

using Env = std::map<std::string, std::string>;

broadcast::Config parse(const Env& env, std::string& problems) {
    return broadcast::config_from(
        [&](const char* name) -> const char* {
            auto found = env.find(name);
            return found == env.end() ? nullptr : found->second.c_str();
        },
        problems);
}

TEST(BroadcastConfig, DefaultsWithoutEnvironment) {
    std::string problems;
    const auto config = parse({}, problems);
    EXPECT_EQ(config.shape, broadcast::Shape::hub);
    EXPECT_EQ(config.interval.count(), 80);
    EXPECT_EQ(config.hub_count, std::numeric_limits<std::size_t>::max());
    EXPECT_TRUE(problems.empty());
}

TEST(BroadcastConfig, ReadsEverySetting) {
    std::string problems;
    const auto config = parse({{"BROADCAST_SHAPE", "direct"},
                               {"BROADCAST_INTERVAL_MS", "0"},
                               {"BROADCAST_HUBS", "3"},
                               {"BROADCAST_ACK_DELAY_MS", "250"},
                               {"BROADCAST_RETRANSMIT_MARGIN_MS", "700"}},
                              problems);
    EXPECT_EQ(config.shape, broadcast::Shape::direct);
    EXPECT_EQ(config.interval.count(), 0);
    EXPECT_EQ(config.hub_count, 3u);
    EXPECT_EQ(config.ack_delay.count(), 250);
    EXPECT_EQ(config.retransmit_margin.count(), 700);
    EXPECT_TRUE(problems.empty());
}

TEST(BroadcastConfig, InvalidValuesKeepDefaultsAndAreReported) {
    std::string problems;
    const auto config = parse({{"BROADCAST_SHAPE", "ring"},
                               {"BROADCAST_INTERVAL_MS", "-4"},
                               {"BROADCAST_HUBS", "0"},
                               {"BROADCAST_ACK_DELAY_MS", "12x"}},
                              problems);
    EXPECT_EQ(config.shape, broadcast::Shape::hub);
    EXPECT_EQ(config.interval.count(), 80);
    EXPECT_EQ(config.hub_count, std::numeric_limits<std::size_t>::max());
    EXPECT_EQ(config.ack_delay.count(), 1000);
    EXPECT_NE(problems.find("BROADCAST_SHAPE"), std::string::npos);
    EXPECT_NE(problems.find("BROADCAST_INTERVAL_MS"), std::string::npos);
    EXPECT_NE(problems.find("BROADCAST_HUBS"), std::string::npos);
    EXPECT_NE(problems.find("BROADCAST_ACK_DELAY_MS"), std::string::npos);
}

}  // namespace
