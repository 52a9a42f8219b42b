#pragma once
// Pieces every Elle-style transactional checker shares once it has a graph
// whose nodes are operations: the process and realtime orders, and the JSON
// shapes of an operation, of a cycle and of a cut-off cycle search in anomaly
// reports.
#include <boost/json.hpp>
#include <vector>

#include "checkers/elle_cycle_search.hpp"
#include "checkers/elle_graph.hpp"
#include "checkers/elle_ops.hpp"

namespace sim::elle {

// Graph node i is the operation node_ops[i]; nodes are in invocation order.
using NodeOps = std::vector<const PairedOp*>;

// Links each operation to the next one of its process.
void link_process_order(TxnGraph& graph, const NodeOps& node_ops);

// Links each operation from the latest :ok operations that completed before
// it was invoked; older ones reach it transitively, which keeps the graph
// linear in size.
void link_realtime_order(TxnGraph& graph, const NodeOps& node_ops);

// {index, process, type, value} of an operation, as anomaly cases show it.
boost::json::value op_json(const PairedOp& op);

// {type, cycle: [ops], steps: [{type, from, to, ...why}]}.
boost::json::value describe_cycle(const Cycle& cycle, const NodeOps& node_ops);

// {type: "cycle-search-timeout", anomaly-spec-type, does-not-contain, scc-size}.
boost::json::value describe_timeout(const CycleSearchTimeout& timeout);

}  // namespace sim::elle
