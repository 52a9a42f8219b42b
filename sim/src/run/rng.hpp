#pragma once
// Every random choice of a run draws from generators seeded by --seed, so a
// run can be reproduced exactly (apart from the nodes' own behaviour). The
// main generator draws a latency for every message, so how far it has got
// depends on the node under test; the partition schedule and the clients'
// operations must not. Each has a generator of its own, seeded by the seed
// alone, so two different nodes run with the same seed face the same
// partitions and the same sequence of operations and gaps.
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
    explicit RunRngs(std::uint64_t seed)
        : main_(seed),
          nemesis_(stream(seed, kNemesisStream)),
          clients_(stream(seed, kClientStream)) {}

    // Message latencies and services.
    Rng& main() { return main_; }
    // The partition schedule.
    Rng& nemesis() { return nemesis_; }
    // The client generators: which free client goes next, its operation and
    // the gap before the next one.
    Rng& clients() { return clients_; }

  private:
    // Any fixed values other than each other would do; they only keep the
    // streams apart.
    static constexpr std::uint32_t kNemesisStream = 0x6e656d65;
    static constexpr std::uint32_t kClientStream = 0x636c6965;

    static Rng stream(std::uint64_t seed, std::uint32_t stream_id) {
        std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                          stream_id};
        return Rng(seq);
    }

    Rng main_;
    Rng nemesis_;
    Rng clients_;
};

}  // namespace sim
