#pragma once
// The facts about a stored run that the index and the run page show, read
// from its directory (results.json and test.json).
#include <boost/json.hpp>
#include <filesystem>
#include <optional>
#include <string>

namespace sim {

struct RunSummary {
    std::string path;  // relative to the store, e.g. "echo/20250101T000000.000+0000"
    std::string workload;
    std::string start_time;  // "2025-01-01 00:00:00 UTC", from the directory name
    std::optional<std::size_t> node_count;
    std::string verdict;  // "valid", "invalid", "unknown"; "unknown" without results
    bool has_results = false;
    std::optional<std::int64_t> ops;
    std::optional<double> availability;  // ok fraction
    std::optional<double> msgs_per_op;   // servers only
    std::optional<double> stable_median_ms;
    std::optional<double> stable_max_ms;
    boost::json::object results;  // empty without results.json
    boost::json::object test;     // empty without test.json
};

RunSummary summarize_run(const std::filesystem::path& store_root,
                         const std::filesystem::path& run_dir);

}  // namespace sim
