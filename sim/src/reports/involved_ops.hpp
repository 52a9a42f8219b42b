#pragma once
// For a failing checker that names values (a set's lost or stale elements),
// the operations of the history that carry those values: the adds that were
// acknowledged and then lost, so the run page can show what happened to them.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "run/history.hpp"

namespace sim {

// The values a checker report names under lost/unexpected/never-read/stale.
std::vector<boost::json::value> named_values(const boost::json::object& report);

// history.txt-style lines ("index  time  process  type  f  value") of the
// client operations whose value is one of `values`, at most `limit`.
std::vector<std::string> ops_carrying(const History& history,
                                      const std::vector<boost::json::value>& values,
                                      std::size_t limit);

}  // namespace sim
