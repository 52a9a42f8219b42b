#pragma once
// Maelstrom's per-message latency model (network.md section 2).
#include <cstdint>
#include <optional>
#include <string>

#include "run/rng.hpp"

namespace sim {

enum class LatencyDist { constant, uniform, exponential };

std::optional<LatencyDist> parse_latency_dist(const std::string& name);
std::string to_string(LatencyDist dist);

class LatencyModel {
  public:
    LatencyModel(LatencyDist dist, std::int64_t mean_ms) : dist_(dist), mean_ms_(mean_ms) {}

    // Milliseconds a message from src to dest takes; client traffic is free.
    std::int64_t draw_ms(Rng& rng, const std::string& src, const std::string& dest) const;
    // The draw for server traffic, ignoring ids.
    std::int64_t draw_ms(Rng& rng) const;

    LatencyDist dist() const { return dist_; }
    std::int64_t mean_ms() const { return mean_ms_; }

  private:
    LatencyDist dist_;
    std::int64_t mean_ms_;
};

}  // namespace sim
