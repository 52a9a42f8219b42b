#pragma once
// Which anomalies each consistency model prohibits (after Elle's
// consistency-model table, restricted to what register and list-append
// histories can show).
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sim::elle {

// nullopt for a model name this checker does not know.
std::optional<std::set<std::string>> prohibited_anomalies(const std::string& model);

// Every model name prohibited_anomalies() knows.
std::vector<std::string> known_models();

// The cycle anomalies a cycle of type `anomaly` implies (Elle's
// implied-anomalies graph, transitively, restricted to cycle types): a G0
// cycle is also a G1c, a G0-process and a G0-realtime one.
std::set<std::string> implied_cycle_anomalies(const std::string& anomaly);

struct RuledOut {
    std::vector<std::string> weakest;   // Elle's :not
    std::vector<std::string> stronger;  // Elle's :also-not
};

// The models the observed anomaly types rule out, split into the weakest ones
// and those that are only ruled out because a weaker one is.
RuledOut ruled_out_models(const std::set<std::string>& anomaly_types);

}  // namespace sim::elle
