#include "run/targets.hpp"

#include <cstdio>
#include <map>
#include <sstream>

namespace sim {
namespace {

struct Part {
    std::string workload;
    std::int64_t node_count;
    double rate;
    std::int64_t latency_ms;
    std::optional<double> max_msgs_per_op;  // :net :servers
    std::optional<double> max_median_ms;    // :workload :stable-latencies 0.5
    std::optional<double> max_max_ms;       // :workload :stable-latencies 1
    bool total_availability;
};

const std::map<std::string, Part>& parts() {
    static const std::map<std::string, Part> table{
        {"1", {"echo", 1, 5, 0, {}, {}, {}, false}},
        {"2", {"unique-ids", 3, 1000, 0, {}, {}, {}, true}},
        {"3a", {"broadcast", 1, 10, 0, {}, {}, {}, false}},
        {"3b", {"broadcast", 5, 10, 0, {}, {}, {}, false}},
        {"3c", {"broadcast", 5, 10, 0, {}, {}, {}, false}},
        {"3d", {"broadcast", 25, 100, 100, 30.0, 400.0, 600.0, false}},
        {"3e", {"broadcast", 25, 100, 100, 20.0, 1000.0, 2000.0, false}},
        {"4", {"g-counter", 3, 100, 0, {}, {}, {}, false}},
        {"5a", {"kafka", 1, 1000, 0, {}, {}, {}, false}},
        {"5b", {"kafka", 2, 1000, 0, {}, {}, {}, false}},
        {"5c", {"kafka", 2, 1000, 0, {}, {}, {}, false}},
        {"6a", {"txn-rw-register", 1, 1000, 0, {}, {}, {}, true}},
        {"6b", {"txn-rw-register", 2, 1000, 0, {}, {}, {}, false}},
        {"6c", {"txn-rw-register", 2, 1000, 0, {}, {}, {}, true}},
    };
    return table;
}

std::optional<double> number_at(const boost::json::object& root,
                                const std::vector<std::string>& path) {
    const boost::json::value* v = nullptr;
    const boost::json::object* o = &root;
    for (const auto& key : path) {
        if (o == nullptr) {
            return std::nullopt;
        }
        v = o->if_contains(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        o = v->if_object();
    }
    if (v == nullptr || !v->is_number()) {
        return std::nullopt;
    }
    return v->to_number<double>();
}

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

}  // namespace

std::optional<std::string> target_workload(const std::string& part) {
    auto it = parts().find(part);
    if (it == parts().end()) {
        return std::nullopt;
    }
    return it->second.workload;
}

TargetReport judge_targets(const std::string& part_name, const Options& options,
                           const boost::json::object& results) {
    TargetReport report;
    report.part = part_name;
    const Part& part = parts().at(part_name);
    if (options.workload != part.workload) {
        report.notes.push_back("part " + part_name + " runs workload " + part.workload +
                               ", this run used " + options.workload);
    }
    if (static_cast<std::int64_t>(options.nodes.size()) != part.node_count) {
        report.notes.push_back("part " + part_name + " uses --node-count " +
                               std::to_string(part.node_count));
    }
    if (options.rate != part.rate) {
        report.notes.push_back("part " + part_name + " uses --rate " + fmt(part.rate));
    }
    if (options.latency_ms != part.latency_ms) {
        report.notes.push_back("part " + part_name + " uses --latency " +
                               std::to_string(part.latency_ms));
    }
    const auto* valid = results.if_contains("valid?");
    const bool verdict = valid != nullptr && valid->is_bool() && valid->get_bool();
    report.lines.push_back(
        {"verdict (:valid?)",
         verdict ? "true" : (valid != nullptr ? boost::json::serialize(*valid) : "missing"), "true",
         verdict});
    if (part.total_availability) {
        const auto fraction = number_at(results, {"availability", "ok-fraction"});
        report.lines.push_back({"availability (:availability :ok-fraction)",
                                fraction ? fmt(*fraction) : "missing", "= 1.00",
                                fraction && *fraction >= 1.0});
    }
    auto limit_line = [&](const std::string& figure, std::optional<double> measured, double limit) {
        report.lines.push_back({figure, measured ? fmt(*measured) : "missing", "< " + fmt(limit),
                                measured && *measured < limit});
    };
    if (part.max_msgs_per_op) {
        limit_line("msgs-per-op (:net :servers)",
                   number_at(results, {"net", "servers", "msgs-per-op"}), *part.max_msgs_per_op);
        if (auto all = number_at(results, {"net", "all", "msgs-per-op"})) {
            report.notes.push_back("for reference, :net :all :msgs-per-op is " + fmt(*all) +
                                   " (includes client traffic; not the target figure)");
        }
    }
    if (part.max_median_ms) {
        limit_line("median latency ms (:workload :stable-latencies 0.5)",
                   number_at(results, {"workload", "stable-latencies", "0.5"}),
                   *part.max_median_ms);
    }
    if (part.max_max_ms) {
        limit_line("max latency ms (:workload :stable-latencies 1)",
                   number_at(results, {"workload", "stable-latencies", "1"}), *part.max_max_ms);
    }
    report.pass = true;
    for (const auto& line : report.lines) {
        report.pass = report.pass && line.pass;
    }
    return report;
}

std::string format_targets(const TargetReport& report) {
    std::ostringstream out;
    out << "Targets of Gossip Glomers part " << report.part << ":\n";
    for (const auto& line : report.lines) {
        char buf[256];
        std::snprintf(buf, sizeof buf, "  %-54s %10s  %-8s %s\n", line.figure.c_str(),
                      line.measured.c_str(), line.limit.c_str(), line.pass ? "PASS" : "FAIL");
        out << buf;
    }
    for (const auto& note : report.notes) {
        out << "  note: " << note << '\n';
    }
    out << "  => part " << report.part << (report.pass ? " PASSED" : " FAILED") << '\n';
    return out.str();
}

}  // namespace sim
