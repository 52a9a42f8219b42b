#pragma once
// Judging a run against a Gossip Glomers part's published targets
// (challenges.md), from the results of the run.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "run/options.hpp"

namespace sim {

struct TargetLine {
    std::string figure;
    std::string measured;
    std::string limit;
    bool pass = false;
};

struct TargetReport {
    std::string part;
    std::vector<TargetLine> lines;
    std::vector<std::string> notes;  // option mismatches with the part's command line
    bool pass = false;
};

// The workload a part is run with, or nullopt for an unknown part.
std::optional<std::string> target_workload(const std::string& part);

TargetReport judge_targets(const std::string& part, const Options& options,
                           const boost::json::object& results);

std::string format_targets(const TargetReport& report);

}  // namespace sim
