#pragma once
// Helpers shared by checkers: pairing invocations with completions, quantiles.
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "run/history.hpp"

namespace sim {

// For every invoke's index, the index of its completion (same process, next op).
std::map<std::int64_t, std::int64_t> pair_completions(const History& history);

// A completed client operation (never the nemesis's) and how long it took.
struct ClientLatency {
    const Op* invoke = nullptr;
    const Op* done = nullptr;
    double ms = 0;
};

// Every completed client operation, in invocation order.
std::vector<ClientLatency> client_latencies(const History& history);

// Maelstrom's quantiles {0, 0.5, 0.95, 0.99, 1}: element at min(N-1, floor(N*q))
// of the sorted values; an empty object for no values.
boost::json::object quantiles(std::vector<std::int64_t> values);

// True for ops made by clients (not the nemesis).
inline bool is_client_op(const Op& op) {
    return op.process != kNemesisProcess;
}

// "ok", "fail", ...
const char* to_string(OpType type);

}  // namespace sim
