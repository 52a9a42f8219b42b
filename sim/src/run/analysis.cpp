#include "run/analysis.hpp"

#include <sys/resource.h>

#include <map>

#include "checkers/history_util.hpp"
#include "checkers/net_stats.hpp"
#include "checkers/stats.hpp"
#include "reports/resource_report.hpp"

namespace sim {

boost::json::value validity_json(Validity v) {
    switch (v) {
        case Validity::valid:
            return true;
        case Validity::invalid:
            return false;
        case Validity::unknown:
            return "unknown";
    }
    return "unknown";
}

Validity merge_validity(Validity a, Validity b) {
    if (a == Validity::invalid || b == Validity::invalid) {
        return Validity::invalid;
    }
    if (a == Validity::unknown || b == Validity::unknown) {
        return Validity::unknown;
    }
    return Validity::valid;
}

boost::json::object latency_summary(const History& history) {
    std::map<std::string, std::map<std::string, std::vector<std::int64_t>>> by_f;
    for (const auto& [invoke_index, completion_index] : pair_completions(history)) {
        const Op& invoke = history[static_cast<std::size_t>(invoke_index)];
        const Op& completion = history[static_cast<std::size_t>(completion_index)];
        if (!is_client_op(invoke)) {
            continue;
        }
        by_f[invoke.f][to_string(completion.type)].push_back((completion.time_ns - invoke.time_ns) /
                                                             1'000'000);
    }
    boost::json::object out;
    for (auto& [f, by_type] : by_f) {
        boost::json::object per_type;
        for (auto& [type, values] : by_type) {
            auto q = quantiles(values);
            q["count"] = static_cast<std::int64_t>(values.size());
            per_type[type] = std::move(q);
        }
        out[f] = std::move(per_type);
    }
    return out;
}

namespace {

void add_check(Analysis& a, const char* key, CheckResult result) {
    result.report["valid?"] = validity_json(result.valid);
    a.results[key] = std::move(result.report);
    a.valid = merge_validity(a.valid, result.valid);
}

CheckResult check_workload(const History& history, Workload& workload) {
    try {
        return workload.check(history);
    } catch (const std::exception& e) {
        return CheckResult{Validity::unknown, {{"error", e.what()}}};
    }
}

Validity validity_of(const boost::json::value& v) {
    if (v.is_bool()) {
        return v.as_bool() ? Validity::valid : Validity::invalid;
    }
    return Validity::unknown;
}

}  // namespace

Analysis analyze(const Options& options, const RunRecord& record, const Network& network,
                 Workload& workload) {
    Analysis a;
    auto& r = a.results;
    auto add = [&](const char* key, CheckResult result) { add_check(a, key, std::move(result)); };
    r["perf"] =
        boost::json::object{{"latency-ms", latency_summary(record.history)}, {"valid?", true}};
    add("stats", check_stats(record.history));
    add("availability", check_availability(record.history, options.availability));
    add("exceptions", check_exceptions(record.history));
    r["net"] = net_stats(network.journal(), network.messages(), client_op_count(record.history));
    // Bench-only figures, kept out of :net so that section matches Maelstrom's.
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double cpu_s = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    r["bench"] =
        boost::json::object{{"seed", options.seed},
                            {"delivery-lag-us", delivery_lag_us(network.journal())},
                            {"delivery-lag-own-us", delivery_lag_own_us(network.journal())},
                            {"delivery-lag-max-at-s", delivery_lag_max_at_s(network.journal())},
                            {"loop-scheduling", record.loop_scheduling},
                            {"monotonic-origin-ns", record.monotonic_origin_ns},
                            {"cpu-seconds", cpu_s},
                            {"wall-seconds", static_cast<double>(record.duration_ns) / 1e9}};
    // Bench-only as well: per-node process figures, never part of validity.
    if (!record.resources.empty()) {
        r["resources"] = resources_summary(record.resources);
    }
    add("workload", check_workload(record.history, workload));
    if (!record.problems.empty()) {
        boost::json::array problems;
        for (const auto& p : record.problems) {
            problems.push_back(
                boost::json::object{{"node", p.node}, {"error", p.reason}, {"line", p.line}});
        }
        // A bench-only section: Maelstrom logs these and mutes the node.
        add("node-errors", CheckResult{Validity::invalid, {{"errors", std::move(problems)}}});
    }
    r["valid?"] = validity_json(a.valid);
    return a;
}

Analysis reanalyze(const Options& options, const History& history, Workload& workload,
                   const boost::json::object& stored) {
    Analysis checked;
    checked.results["perf"] =
        boost::json::object{{"latency-ms", latency_summary(history)}, {"valid?", true}};
    add_check(checked, "stats", check_stats(history));
    add_check(checked, "availability", check_availability(history, options.availability));
    add_check(checked, "exceptions", check_exceptions(history));
    add_check(checked, "workload", check_workload(history, workload));
    // Keep the stored order of sections, so the printed results read as the run's did.
    Analysis a;
    for (const auto& [key, section] : stored) {
        if (key == "valid?") {
            continue;
        }
        const auto* fresh = checked.results.if_contains(key);
        a.results[key] = fresh != nullptr ? *fresh : section;
    }
    for (const auto& [key, section] : checked.results) {
        if (!a.results.contains(key)) {
            a.results[key] = section;
        }
    }
    for (const auto& [key, section] : a.results) {
        if (const auto* v =
                section.is_object() ? section.as_object().if_contains("valid?") : nullptr) {
            a.valid = merge_validity(a.valid, validity_of(*v));
        }
    }
    a.results["valid?"] = validity_json(a.valid);
    return a;
}

}  // namespace sim
