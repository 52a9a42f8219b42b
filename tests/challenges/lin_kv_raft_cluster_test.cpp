// Whole Raft clusters on the simulated network, over many seeds: the
// invariant checker runs after every simulated millisecond, and after the
// chaos ends the cluster must commit again.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "challenges/lin_kv_sim_cluster.hpp"

namespace {

namespace json = maelstrom::json;
using raft_test::Chaos;
using raft_test::SimCluster;

class ChaoticCluster : public ::testing::TestWithParam<std::tuple<std::size_t, std::uint64_t>> {};

TEST_P(ChaoticCluster, KeepsRaftInvariantsAndRecoversAfterHeal) {
    const auto [size, seed] = GetParam();
    SimCluster cluster(size, seed);
    std::mt19937_64 random(seed);
    int next_command = 0;
    // Eight simulated seconds of partitions that change every 0.3 - 1.3 s,
    // with a proposal to whoever leads every 40 ms.
    raft::Millis next_partition = 300;
    while (cluster.now() < 8000 && !HasFatalFailure()) {
        if (cluster.now() >= next_partition) {
            if (random() % 3 == 0) {
                cluster.heal();
            } else {
                cluster.partition_randomly();
            }
            next_partition = cluster.now() + 300 + static_cast<raft::Millis>(random() % 1000);
        }
        if (cluster.now() % 40 == 0) {
            cluster.propose(json::value{{"c", next_command++}});
        }
        cluster.step();
    }
    ASSERT_FALSE(HasFatalFailure());

    cluster.heal();
    cluster.set_chaos(Chaos{0, 0, 30, false});
    const json::value last{{"c", "after heal"}};
    // A leader exists again and commits a command on every server.
    for (int attempt = 0; attempt < 20; ++attempt) {
        cluster.run_for(500);
        ASSERT_FALSE(HasFatalFailure());
        if (cluster.propose(last) > 0) {
            break;
        }
    }
    cluster.run_for(2000);
    ASSERT_FALSE(HasFatalFailure());
    for (std::size_t i = 0; i < size; ++i) {
        const auto& applied = cluster.applied(i);
        EXPECT_NE(std::find(applied.begin(), applied.end(), last), applied.end())
            << "server n" << i << " did not apply the command proposed after the heal";
    }
    EXPECT_GT(cluster.checker().committed_count(), 10u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, ChaoticCluster,
                         ::testing::Combine(::testing::Values(3u, 5u),
                                            ::testing::Range<std::uint64_t>(1, 21)));

TEST(RaftCluster, WithoutFaultsElectsOneLeaderAndAppliesEverythingInOrder) {
    SimCluster cluster(3, 7, Chaos{0, 0, 5, false});
    cluster.run_for(1000);
    int leaders = 0;
    for (const auto& server : cluster.servers()) {
        leaders += server.role() == raft::Role::leader;
    }
    ASSERT_EQ(leaders, 1);
    for (int i = 0; i < 50; ++i) {
        ASSERT_EQ(cluster.propose(json::value(i)), 1);
        cluster.run_for(3);
    }
    cluster.run_for(500);
    for (std::size_t server = 0; server < 3; ++server) {
        std::vector<json::value> commands;
        for (const auto& command : cluster.applied(server)) {
            if (!command.is_null()) {
                commands.push_back(command);
            }
        }
        ASSERT_EQ(commands.size(), 50u);
        for (int i = 0; i < 50; ++i) {
            EXPECT_EQ(commands[static_cast<std::size_t>(i)], json::value(i));
        }
    }
}

}  // namespace
