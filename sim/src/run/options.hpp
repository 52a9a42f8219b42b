#pragma once
// `maelstrom-sim test` options: Maelstrom's names and defaults (cli.md), plus
// the bench's own --seed, --recovery-time, --targets and --store.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "network/latency.hpp"

namespace sim {

struct Options {
    std::string workload = "lin-kv";
    std::string bin;
    std::vector<std::string> nodes;  // final node list
    std::string concurrency_spec = "1n";
    int concurrency = 1;  // resolved against the node count
    std::int64_t time_limit_s = 60;
    double rate = 5.0;
    std::int64_t latency_ms = 0;
    LatencyDist latency_dist = LatencyDist::constant;
    bool nemesis_partition = false;
    double nemesis_interval_s = 10.0;
    // "total" is stored as 1.0 with availability_total set.
    std::optional<double> availability;
    bool availability_total = false;
    std::string topology = "grid";
    std::optional<int> key_count;
    int max_txn_length = 4;
    int max_writes_per_key = 16;
    std::vector<std::string> consistency_models{"strict-serializable"};
    bool log_stderr = false;
    bool log_net_send = false;
    bool log_net_recv = false;
    int test_count = 1;
    std::uint64_t seed = 0;
    bool seed_given = false;
    double recovery_time_s = 10.0;
    std::string targets;  // e.g. "3d"; empty for none
    std::string store = "store";
    std::vector<std::string> node_args;  // positional arguments for the node binary
};

struct HelpRequested {};

struct ParseError {
    std::string message;
};

// argv excludes the program name: {"test", "-w", "echo", ...}.
std::variant<Options, HelpRequested, ParseError> parse_options(
    const std::vector<std::string>& args);

std::string usage();

}  // namespace sim
