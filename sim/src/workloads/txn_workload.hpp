#pragma once
// The transactional workloads (txn-rw-register, txn-list-append) share
// Maelstrom's generator, client and options; they differ in the write
// micro-op's name, the reply schema of a micro-op and the checker.
#include <boost/json.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "run/workload.hpp"

namespace sim {

struct TxnWorkloadKind {
    // The write micro-op's f: "w" or "append".
    std::string_view write_f;
    // Throws MalformedReply when a micro-op of a reply breaks the schema.
    void (*check_micro_op)(const boost::json::value& mop);
    CheckResult (*check)(const History& history, const std::vector<std::string>& models);
};

std::unique_ptr<Workload> make_txn_workload(const WorkloadOptions& options, TxnWorkloadKind kind);

}  // namespace sim
