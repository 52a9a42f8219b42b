#pragma once
// The part of the command-line options a workload sees.
#include "run/options.hpp"
#include "run/workload.hpp"

namespace sim {

inline WorkloadOptions workload_options(const Options& o) {
    WorkloadOptions w;
    w.nodes = o.nodes;
    w.concurrency = o.concurrency;
    w.rate = o.rate;
    w.topology = o.topology;
    w.key_count = o.key_count;
    w.max_txn_length = o.max_txn_length;
    w.max_writes_per_key = o.max_writes_per_key;
    w.consistency_models = o.consistency_models;
    w.latency_ms = static_cast<int>(o.latency_ms);
    w.time_limit_s = o.time_limit_s;
    return w;
}

}  // namespace sim
