#pragma once
// Every random choice of a run draws from generators seeded by --seed, so a
// run can be reproduced exactly (apart from the nodes' own behaviour). The
// nemesis has a generator of its own: the main one draws a latency for every
// message, so how far it has got depends on the node under test, and the
// partition schedule must not. It depends on the seed alone, so two different
// nodes run with the same seed see the same partitions.
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

class RunRngs {
  public:
    explicit RunRngs(std::uint64_t seed) : main_(seed), nemesis_(nemesis_stream(seed)) {}

    // Latencies, client generators, services.
    Rng& main() { return main_; }
    // The partition schedule.
    Rng& nemesis() { return nemesis_; }

  private:
    static Rng nemesis_stream(std::uint64_t seed) {
        // Any fixed value other than the seed's would do; it only has to keep
        // this stream apart from the main one.
        constexpr std::uint32_t kNemesisStream = 0x6e656d65;
        std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                          kNemesisStream};
        return Rng(seq);
    }

    Rng main_;
    Rng nemesis_;
};

}  // namespace sim
