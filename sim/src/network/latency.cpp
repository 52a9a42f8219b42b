#include "network/latency.hpp"

#include <cmath>

#include "network/message.hpp"

namespace sim {

std::optional<LatencyDist> parse_latency_dist(const std::string& name) {
    if (name == "constant") {
        return LatencyDist::constant;
    }
    if (name == "uniform") {
        return LatencyDist::uniform;
    }
    if (name == "exponential") {
        return LatencyDist::exponential;
    }
    return std::nullopt;
}

std::string to_string(LatencyDist dist) {
    switch (dist) {
        case LatencyDist::constant:
            return "constant";
        case LatencyDist::uniform:
            return "uniform";
        case LatencyDist::exponential:
            return "exponential";
    }
    return "constant";
}

std::int64_t LatencyModel::draw_ms(Rng& rng, const std::string& src,
                                   const std::string& dest) const {
    if (is_client_id(src) || is_client_id(dest)) {
        return 0;
    }
    return draw_ms(rng);
}

std::int64_t LatencyModel::draw_ms(Rng& rng) const {
    if (mean_ms_ <= 0) {
        return 0;
    }
    switch (dist_) {
        case LatencyDist::constant:
            return mean_ms_;
        case LatencyDist::uniform:
            // Incanter's integer uniform excludes the upper bound: 0 .. 2*mean-1.
            return uniform_int(rng, 0, 2 * mean_ms_ - 1);
        case LatencyDist::exponential: {
            std::exponential_distribution<double> exp(1.0 / static_cast<double>(mean_ms_));
            return static_cast<std::int64_t>(std::floor(exp(rng)));
        }
    }
    return mean_ms_;
}

}  // namespace sim
