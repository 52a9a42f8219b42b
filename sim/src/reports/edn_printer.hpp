#pragma once
// Prints results JSON in the shape of Maelstrom's results.edn (keys as
// keywords), for the terminal summary.
#include <boost/json.hpp>
#include <string>

namespace sim {

std::string to_edn(const boost::json::value& value, int indent = 0);

}  // namespace sim
