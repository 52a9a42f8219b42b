#pragma once
// `maelstrom-sim analyze`: runs the checkers again over a stored run, prints
// the results and closing line as `test` does, and rewrites the run's
// results.json and history reports.
#include <ostream>

#include "run/command_line.hpp"

namespace sim {

// Returns the exit status `test` would have ended the run with.
int analyze_command(const AnalyzeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sim
