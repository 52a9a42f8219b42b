#pragma once
// The partition nemesis' grudges and schedule (network.md section 4).
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "network/network.hpp"
#include "run/rng.hpp"

namespace sim {

enum class GrudgeKind { one, minority_third, majority, majorities_ring };

std::string to_string(GrudgeKind kind);

Partitions make_grudge(GrudgeKind kind, const std::vector<std::string>& nodes, Rng& rng);

// One of the four kinds, uniformly.
GrudgeKind random_grudge_kind(Rng& rng);

// {"n1": ["n2", ...], ...}: the history value of a start-partition.
boost::json::object grudge_to_json(const Partitions& grudge);

struct NemesisOp {
    bool start = true;                  // start-partition; otherwise stop-partition
    GrudgeKind kind = GrudgeKind::one;  // start only
    Partitions grudge;                  // start only
    std::int64_t gap_ns = 0;            // wait before the next op
};

// The nemesis' ops in order, starting with a start-partition and alternating;
// each gap is uniform in [0, 2 * interval). It picks the nemesis' generator out
// of the run's itself, so that no caller can hand it the main one.
class NemesisSchedule {
  public:
    NemesisSchedule(RunRngs& rngs, std::vector<std::string> nodes, double interval_s);

    NemesisOp next();

  private:
    Rng& rng_;
    std::vector<std::string> nodes_;
    double interval_s_;
    bool start_next_ = true;
};

}  // namespace sim
