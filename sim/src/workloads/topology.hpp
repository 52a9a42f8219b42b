#pragma once
// Broadcast topologies (workloads/broadcast.md).
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sim {

// node -> neighbours, in Maelstrom's order; nullopt for an unknown kind.
std::optional<boost::json::object> make_topology(const std::string& kind,
                                                 const std::vector<std::string>& nodes);

}  // namespace sim
