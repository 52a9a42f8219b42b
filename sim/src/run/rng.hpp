#pragma once
// Every random choice of a run draws from one generator seeded by --seed, so
// a run can be reproduced exactly (apart from the nodes' own behaviour).
#include <cstdint>
#include <random>

namespace sim {

using Rng = std::mt19937_64;

// Uniform integer in [lo, hi] (inclusive).
inline std::int64_t uniform_int(Rng& rng, std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
}

// Uniform real in [0, 1).
inline double uniform_unit(Rng& rng) {
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

}  // namespace sim
