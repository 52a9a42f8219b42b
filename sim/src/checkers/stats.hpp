#pragma once
// Jepsen's generic checkers that every Maelstrom run composes: stats,
// availability, exceptions.
#include <optional>

#include "run/history.hpp"

namespace sim {

// Invalid if any :f has no :ok completion (crash and debug-topic-partitions exempt).
CheckResult check_stats(const History& history);

// ok-fraction = ok completions / invocations; judged only if `expected` is given.
CheckResult check_availability(const History& history, std::optional<double> expected);

// Lists the exceptions :info ops carried; always valid.
CheckResult check_exceptions(const History& history);

}  // namespace sim
