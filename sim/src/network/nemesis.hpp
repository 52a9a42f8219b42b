#pragma once
// The partition nemesis' grudges (network.md section 4).
#include <boost/json.hpp>
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

}  // namespace sim
