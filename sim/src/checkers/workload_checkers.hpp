#pragma once
// Checkers of the echo, unique-ids, broadcast/g-set (set-full) and counter
// workloads, shaped like Maelstrom's results.
#include <string>

#include "run/history.hpp"

namespace sim {

// Every echo's ok reply must carry the echoed value; any fail/info is an error.
CheckResult check_echo(const History& history);

// No id may be acknowledged twice.
CheckResult check_unique_ids(const History& history);

// Jepsen's set-full over `add_f` ops (broadcast: "broadcast", g-set: "add")
// and ok "read" ops whose value is the list of elements.
CheckResult check_set_full(const History& history, const std::string& add_f);

// Every ok final read must equal the ok adds plus some subset of the info adds.
CheckResult check_counter(const History& history);

}  // namespace sim
