#pragma once
// The txn-list-append workload's checker: Elle's list-append analysis, where
// every read reveals the order of the appends before it, judged against
// consistency models.
#include <string>
#include <vector>

#include "run/history.hpp"

namespace sim {

// `consistency_models`: Elle model names (e.g. "read-committed"); the history
// is invalid if it shows an anomaly any of them prohibits.
CheckResult check_txn_list_append(const History& history,
                                  const std::vector<std::string>& consistency_models = {
                                      "strict-serializable"});

}  // namespace sim
