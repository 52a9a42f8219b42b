#pragma once
// Everything a finished run hands to the analysis.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "network/message.hpp"
#include "network/network.hpp"
#include "run/history.hpp"

namespace sim {

// A node broke the protocol (non-JSON line, bad envelope, unknown src/dest);
// the bench stopped reading its stdout, as Maelstrom does.
struct NodeProblem {
    std::string node;
    std::string reason;
    std::string line;
};

// A node that was no longer running at teardown.
struct NodeCrash {
    std::string node;
    std::string status;
    std::deque<std::string> last_stdout;
    std::deque<std::string> last_stderr;
};

struct PartitionInterval {
    std::int64_t start_ns = 0;
    std::int64_t end_ns = 0;
};

// One sample of one node process, taken once per second while the run lasts.
// A figure is empty when it was not known (the node wrote no stats line yet,
// or /proc could not be read).
struct ResourceSample {
    double time_s = 0;
    std::string node;
    std::optional<std::int64_t> rss_kib;
    std::optional<std::int64_t> fds;
    std::optional<std::int64_t> pending_rpcs;
};

struct RunRecord {
    History history;
    std::vector<NodeProblem> problems;
    std::vector<NodeCrash> crashes;
    std::vector<PartitionInterval> partitions;
    std::vector<ResourceSample> resources;
    std::string abort_reason;  // set when the run could not proceed (init failed, ...)
    std::int64_t duration_ns = 0;
    std::string loop_scheduling;  // the event loop's CPU scheduling policy during the run
    // CLOCK_MONOTONIC at the run's time zero, for matching the journal against system traces.
    std::int64_t monotonic_origin_ns = 0;
};

}  // namespace sim
