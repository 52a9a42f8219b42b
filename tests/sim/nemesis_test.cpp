#include "network/nemesis.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "run/rng.hpp"

namespace {

const std::vector<std::string> kNodes{"n0", "n1", "n2", "n3", "n4"};

// The first `ops` nemesis ops of a run with this seed, one line each, when the
// main generator is drawn from `main_draws_per_op` times before every op, as
// message latencies are.
std::vector<std::string> planned_ops(std::uint64_t seed, int main_draws_per_op, int ops) {
    sim::RunRngs rngs(seed);
    sim::NemesisSchedule schedule(rngs, kNodes, 10.0);
    std::vector<std::string> lines;
    for (int i = 0; i < ops; ++i) {
        for (int k = 0; k < main_draws_per_op; ++k) {
            rngs.main()();
        }
        const sim::NemesisOp op = schedule.next();
        std::string line = op.start ? "start-partition " + sim::to_string(op.kind) + " " +
                                          boost::json::serialize(sim::grudge_to_json(op.grudge))
                                    : "stop-partition";
        lines.push_back(line + ", next after " + std::to_string(op.gap_ns) + " ns");
    }
    return lines;
}

TEST(NemesisSchedule, DependsOnTheSeedAloneNotOnTheMainDraws) {
    const auto quiet = planned_ops(1, 0, 20);
    EXPECT_EQ(planned_ops(1, 1, 20), quiet);
    EXPECT_EQ(planned_ops(1, 1000, 20), quiet);
    EXPECT_NE(planned_ops(2, 0, 20), quiet);
}

TEST(NemesisSchedule, AlternatesFromAStartWithGapsUnderTwiceTheInterval) {
    sim::RunRngs rngs(3);
    sim::NemesisSchedule schedule(rngs, kNodes, 0.5);
    for (int i = 0; i < 100; ++i) {
        const sim::NemesisOp op = schedule.next();
        EXPECT_EQ(op.start, i % 2 == 0) << i;
        EXPECT_EQ(op.grudge.empty(), !op.start) << i;
        EXPECT_GE(op.gap_ns, 0) << i;
        EXPECT_LT(op.gap_ns, 1'000'000'000) << i;
    }
}

}  // namespace
