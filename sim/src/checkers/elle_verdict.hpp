#pragma once
// Turns the anomalies an Elle-style checker found into Elle's result map:
// which of them the chosen consistency models prohibit, the verdict, and the
// models the anomalies rule out.
#include <set>
#include <string>
#include <vector>

#include "checkers/elle_report.hpp"
#include "run/history.hpp"

namespace sim::elle {

struct VerdictPolicy {
    // Types that say the analysis could not conclude. Elle's are these and
    // cycle-search-timeout, which Maelstrom's txn-rw-register wrapper strips
    // from the result (that checker never reports it).
    std::set<std::string> unknown_types{"empty-transaction-graph"};
    // Maelstrom's txn-rw-register wrapper fails a run on them; Elle alone
    // (txn-list-append) makes such a run :unknown.
    bool unknown_types_invalid = true;
};

// `errors`: operations the checker could not read (malformed values); they
// make an otherwise valid run :unknown.
CheckResult elle_verdict(const AnomalyLog& anomalies, const AnomalyLog& errors,
                         const std::vector<std::string>& consistency_models,
                         const VerdictPolicy& policy = {});

}  // namespace sim::elle
