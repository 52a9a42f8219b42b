#include "run/rng.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace {

// The first `count` draws of the client stream of a run with this seed, after
// `main_draws` draws of the main generator (message latencies) and as many of
// the nemesis'.
std::vector<std::uint64_t> client_draws(std::uint64_t seed, int main_draws, int count) {
    sim::RunRngs rngs(seed);
    for (int i = 0; i < main_draws; ++i) {
        rngs.main()();
        rngs.nemesis()();
    }
    std::vector<std::uint64_t> draws;
    for (int i = 0; i < count; ++i) {
        draws.push_back(rngs.clients()());
    }
    return draws;
}

TEST(RunRngs, TheClientStreamDependsOnTheSeedAlone) {
    const auto quiet = client_draws(1, 0, 16);
    for (const int main_draws : {1, 1000}) {
        EXPECT_EQ(client_draws(1, main_draws, 16), quiet) << main_draws << " main draws";
    }
    EXPECT_NE(client_draws(2, 0, 16), quiet);
}

TEST(RunRngs, TheThreeStreamsDiffer) {
    sim::RunRngs rngs(7);
    std::vector<std::uint64_t> main, nemesis, clients;
    for (int i = 0; i < 16; ++i) {
        main.push_back(rngs.main()());
        nemesis.push_back(rngs.nemesis()());
        clients.push_back(rngs.clients()());
    }
    EXPECT_NE(main, clients);
    EXPECT_NE(nemesis, clients);
    EXPECT_NE(main, nemesis);
}

}  // namespace
