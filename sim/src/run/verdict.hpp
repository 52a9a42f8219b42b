#pragma once
// What `test` and `analyze` print after the checkers have run, and the exit
// status they end with (Maelstrom's: 0 valid, 1 invalid, 2 unknown).
#include <boost/json.hpp>
#include <ostream>

#include "run/history.hpp"
#include "run/options.hpp"

namespace sim {

inline constexpr int kExitValid = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUnknown = 2;
inline constexpr int kExitBadArguments = 254;

// The results as EDN, then the --targets judgement if one was asked for.
// Returns whether the targets (if any) were met.
bool print_results(std::ostream& out, const Options& options, const boost::json::object& results);

// Maelstrom's closing line for the verdict; returns the exit status.
int print_closing_line(std::ostream& out, Validity valid, bool targets_met);

}  // namespace sim
