#include "checkers/history_util.hpp"

#include <algorithm>
#include <cmath>

namespace sim {

std::map<std::int64_t, std::int64_t> pair_completions(const History& history) {
    std::map<std::int64_t, std::int64_t> open;  // process -> invoke index
    std::map<std::int64_t, std::int64_t> pairs;
    for (const auto& op : history) {
        if (op.type == OpType::invoke) {
            open[op.process] = op.index;
        } else if (auto it = open.find(op.process); it != open.end()) {
            pairs[it->second] = op.index;
            open.erase(it);
        }
    }
    return pairs;
}

std::vector<ClientLatency> client_latencies(const History& history) {
    std::vector<ClientLatency> latencies;
    for (const auto& [i, c] : pair_completions(history)) {
        const Op& invoke = history[static_cast<std::size_t>(i)];
        const Op& done = history[static_cast<std::size_t>(c)];
        if (is_client_op(invoke)) {
            latencies.push_back(
                {&invoke, &done, static_cast<double>(done.time_ns - invoke.time_ns) / 1e6});
        }
    }
    return latencies;
}

boost::json::object quantiles(std::vector<std::int64_t> values) {
    boost::json::object out;
    if (values.empty()) {
        return out;
    }
    std::sort(values.begin(), values.end());
    const auto n = values.size();
    for (const auto& [name, q] : std::vector<std::pair<const char*, double>>{
             {"0", 0.0}, {"0.5", 0.5}, {"0.95", 0.95}, {"0.99", 0.99}, {"1", 1.0}}) {
        const auto i =
            std::min(n - 1, static_cast<std::size_t>(std::floor(static_cast<double>(n) * q)));
        out[name] = values[i];
    }
    return out;
}

const char* to_string(OpType type) {
    switch (type) {
        case OpType::invoke:
            return "invoke";
        case OpType::ok:
            return "ok";
        case OpType::fail:
            return "fail";
        case OpType::info:
            return "info";
    }
    return "invoke";
}

}  // namespace sim
