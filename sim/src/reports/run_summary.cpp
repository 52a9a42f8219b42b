#include "reports/run_summary.hpp"

#include "reports/html_page.hpp"
#include "run/stored_run.hpp"

namespace sim {
namespace {

const boost::json::value* at_path(const boost::json::object& root,
                                  std::initializer_list<const char*> keys) {
    const boost::json::value* v = nullptr;
    const boost::json::object* o = &root;
    for (const char* key : keys) {
        if (o == nullptr || (v = o->if_contains(key)) == nullptr) {
            return nullptr;
        }
        o = v->is_object() ? &v->as_object() : nullptr;
    }
    return v;
}

std::optional<double> number_at(const boost::json::object& root,
                                std::initializer_list<const char*> keys) {
    const auto* v = at_path(root, keys);
    if (v == nullptr || !v->is_number()) {
        return std::nullopt;
    }
    return v->to_number<double>();
}

// yyyyMMddTHHmmss.SSS+0000 -> "yyyy-MM-dd HH:mm:ss UTC".
std::string start_time_of(const std::string& name) {
    if (name.size() < 15 || name[8] != 'T') {
        return name;
    }
    return name.substr(0, 4) + "-" + name.substr(4, 2) + "-" + name.substr(6, 2) + " " +
           name.substr(9, 2) + ":" + name.substr(11, 2) + ":" + name.substr(13, 2) + " UTC";
}

}  // namespace

RunSummary summarize_run(const std::filesystem::path& store_root,
                         const std::filesystem::path& run_dir) {
    RunSummary s;
    s.path = run_dir.lexically_relative(store_root).generic_string();
    s.workload = run_dir.parent_path().filename().string();
    s.start_time = start_time_of(run_dir.filename().string());
    if (auto test = read_json_file(run_dir / "test.json"); test && test->is_object()) {
        s.test = std::move(test->as_object());
        if (const auto* nodes = s.test.if_contains("nodes"); nodes && nodes->is_array()) {
            s.node_count = nodes->as_array().size();
        }
    }
    if (auto results = read_json_file(run_dir / "results.json"); results && results->is_object()) {
        s.results = std::move(results->as_object());
        s.has_results = true;
    }
    s.verdict = verdict_name(s.has_results ? s.results.if_contains("valid?") : nullptr);
    if (auto ops = number_at(s.results, {"stats", "count"})) {
        s.ops = static_cast<std::int64_t>(*ops);
    }
    s.availability = number_at(s.results, {"availability", "ok-fraction"});
    s.msgs_per_op = number_at(s.results, {"net", "servers", "msgs-per-op"});
    s.stable_median_ms = number_at(s.results, {"workload", "stable-latencies", "0.5"});
    s.stable_max_ms = number_at(s.results, {"workload", "stable-latencies", "1"});
    return s;
}

}  // namespace sim
