#pragma once
// The txn-rw-register workload's checker: Elle's rw-register analysis with
// writes-follow-reads version inference, judged against consistency models.
#include <string>
#include <vector>

#include "run/history.hpp"

namespace sim {

// `consistency_models`: Elle model names (e.g. "read-committed"); the history
// is invalid if it shows an anomaly any of them prohibits.
CheckResult check_txn_rw_register(const History& history,
                                  const std::vector<std::string>& consistency_models = {
                                      "strict-serializable"});

}  // namespace sim
