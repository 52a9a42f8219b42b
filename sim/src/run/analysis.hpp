#pragma once
// Runs every checker over a finished run and composes results like
// Maelstrom's results.edn.
#include <boost/json.hpp>

#include "network/network.hpp"
#include "run/options.hpp"
#include "run/run_record.hpp"
#include "run/workload.hpp"

namespace sim {

struct Analysis {
    boost::json::object results;
    Validity valid = Validity::valid;
};

// Latency quantiles (ms) of completed client ops by :f and completion type.
boost::json::object latency_summary(const History& history);

Analysis analyze(const Options& options, const RunRecord& record, const Network& network,
                 Workload& workload);

// `analyze`: runs the checkers again over a stored history. Sections no
// checker makes (net, bench, resources, node-errors) are taken from the
// stored results, which are otherwise replaced.
Analysis reanalyze(const Options& options, const History& history, Workload& workload,
                   const boost::json::object& stored);

boost::json::value validity_json(Validity v);

// false beats unknown beats true.
Validity merge_validity(Validity a, Validity b);

}  // namespace sim
