#include "reports/index_page.hpp"

#include <sstream>

#include "reports/html_page.hpp"
#include "reports/run_summary.hpp"
#include "reports/xml_escape.hpp"
#include "run/stored_run.hpp"

namespace sim {
namespace {

std::string cell(const std::optional<double>& value, const std::string& unit = "", double scale = 1,
                 int digits = 2) {
    if (!value) {
        return "<td class=\"num muted\">&ndash;</td>";
    }
    return "<td class=\"num\">" + format_number(*value * scale, digits) + unit + "</td>";
}

}  // namespace

std::string index_page_html(const std::filesystem::path& store_root) {
    auto runs = list_runs(store_root);
    std::ostringstream out;
    out << html_page_start("maelstrom-sim runs") << "<h1>Runs in the store</h1>\n";
    if (runs.empty()) {
        out << "<p class=\"muted\">No runs yet: run <code>maelstrom-sim test</code> in this "
               "directory first.</p>\n"
            << html_page_end();
        return out.str();
    }
    out << "<table class=\"runs\">\n<tr><th>Verdict</th><th>Workload</th><th>Started</th>"
           "<th class=\"num\">Nodes</th><th class=\"num\">Ops</th>"
           "<th class=\"num\">Availability</th><th class=\"num\">Msgs/op</th>"
           "<th class=\"num\">Stable latency<br>median / max (ms)</th></tr>\n";
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        const RunSummary run = summarize_run(store_root, *it);
        const std::string link = "/run/" + xml_escape(run.path) + "/";
        out << "<tr class=\"run\"><td class=\"" << verdict_class(run.verdict) << "\"><a href=\""
            << link << "\">" << run.verdict << "</a></td><td><a href=\"" << link << "\">"
            << xml_escape(run.workload) << "</a></td><td><a href=\"" << link << "\">"
            << xml_escape(run.start_time) << "</a></td>";
        out << cell(run.node_count ? std::optional<double>(static_cast<double>(*run.node_count))
                                   : std::nullopt)
            << cell(run.ops ? std::optional<double>(static_cast<double>(*run.ops)) : std::nullopt)
            << cell(run.availability, "%", 100, 1) << cell(run.msgs_per_op);
        if (run.stable_median_ms || run.stable_max_ms) {
            out << "<td class=\"num\">"
                << (run.stable_median_ms ? format_number(*run.stable_median_ms, 0) : "&ndash;")
                << " / " << (run.stable_max_ms ? format_number(*run.stable_max_ms, 0) : "&ndash;")
                << "</td>";
        } else {
            out << "<td class=\"num muted\">&ndash;</td>";
        }
        out << "</tr>\n";
    }
    out << "</table>\n" << html_page_end();
    return out.str();
}

}  // namespace sim
