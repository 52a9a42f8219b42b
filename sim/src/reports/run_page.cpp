#include "reports/run_page.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <vector>

#include "reports/edn_printer.hpp"
#include "reports/html_page.hpp"
#include "reports/involved_ops.hpp"
#include "reports/run_summary.hpp"
#include "reports/xml_escape.hpp"
#include "run/stored_run.hpp"

namespace sim {
namespace {

// The fields that say what went wrong come first: what was lost, which
// anomaly, and the operations involved.
constexpr std::array kLeadingFields{"error",       "lost-count",
                                    "lost",        "unexpected-count",
                                    "unexpected",  "duplicated-count",
                                    "duplicated",  "anomaly-types",
                                    "anomalies",   "not",
                                    "also-not",    "errors",
                                    "op",          "previous-ok",
                                    "final-paths", "configs"};

std::vector<std::string> field_order(const boost::json::object& section) {
    std::vector<std::string> order;
    for (const char* key : kLeadingFields) {
        if (section.contains(key)) {
            order.emplace_back(key);
        }
    }
    for (const auto& [key, value] : section) {
        if (key != "valid?" && std::find(order.begin(), order.end(), key) == order.end()) {
            order.emplace_back(key);
        }
    }
    return order;
}

void explain_section(std::ostringstream& out, const std::string& name,
                     const boost::json::object& section, const std::string& verdict,
                     const std::filesystem::path& run_dir) {
    out << "<div class=\"card explanation\"><h3><span class=\"verdict " << verdict_class(verdict)
        << "\">" << verdict << "</span> " << xml_escape(name) << " checker</h3>\n<dl>\n";
    for (const auto& key : field_order(section)) {
        const auto& value = section.at(key);
        out << "<dt>" << xml_escape(key) << "</dt><dd>";
        if (value.is_object() || value.is_array()) {
            out << "<pre>" << xml_escape(json_excerpt(value, 4000)) << "</pre>";
        } else {
            out << xml_escape(json_excerpt(value, 400));
        }
        out << "</dd>\n";
    }
    const auto values = named_values(section);
    if (!values.empty()) {
        constexpr std::size_t kMaxLines = 30;
        std::vector<std::string> lines;
        try {
            lines = ops_carrying(read_history(run_dir / "history.json"), values, kMaxLines);
        } catch (const std::exception&) {
            // Without a readable history the report above is all there is.
        }
        if (!lines.empty()) {
            out << "<dt>operations</dt><dd><pre>";
            for (const auto& line : lines) {
                out << xml_escape(line) << '\n';
            }
            out << (lines.size() == kMaxLines ? "...\n" : "") << "</pre></dd>\n";
        }
    }
    out << "</dl></div>\n";
}

void fact(std::ostringstream& out, const std::string& label, const std::string& value) {
    out << "<span><b>" << label << "</b> " << value << "</span> &nbsp; ";
}

}  // namespace

std::string run_page_html(const std::filesystem::path& store_root,
                          const std::filesystem::path& run_dir) {
    const RunSummary run = summarize_run(store_root, run_dir);
    const std::string files = "/files/" + xml_escape(run.path) + "/";
    std::ostringstream out;
    out << html_page_start(run.workload + " " + run.start_time + ": " + run.verdict)
        << "<nav><a href=\"/\">&larr; all runs</a> &nbsp; " << xml_escape(run.path) << "</nav>\n"
        << "<div class=\"banner " << verdict_class(run.verdict) << "\"><h1>"
        << xml_escape(run.workload) << ": " << run.verdict << "</h1><div class=\"facts\">";
    fact(out, "started", xml_escape(run.start_time));
    if (run.node_count) {
        fact(out, "nodes", std::to_string(*run.node_count));
    }
    if (run.ops) {
        fact(out, "ops", std::to_string(*run.ops));
    }
    if (run.availability) {
        fact(out, "availability", format_number(*run.availability * 100, 1) + "%");
    }
    if (run.msgs_per_op) {
        fact(out, "servers msgs/op", format_number(*run.msgs_per_op));
    }
    if (run.stable_median_ms && run.stable_max_ms) {
        fact(out, "stable latency",
             format_number(*run.stable_median_ms, 0) + " / " +
                 format_number(*run.stable_max_ms, 0) + " ms (median / max)");
    }
    if (const auto* seed = run.test.if_contains("seed")) {
        fact(out, "seed", xml_escape(boost::json::serialize(*seed)));
    }
    out << "</div></div>\n";

    if (!run.has_results) {
        out << "<p>This run has no results.json: it did not finish.</p>\n";
    } else if (run.verdict != "valid") {
        out << "<h2>Why it is " << run.verdict << "</h2>\n";
        for (const auto& [key, section] : run.results) {
            if (!section.is_object()) {
                continue;
            }
            // Sections without a verdict (bench figures, resources) judge nothing.
            const auto* valid = section.as_object().if_contains("valid?");
            if (valid != nullptr && verdict_name(valid) != "valid") {
                explain_section(out, std::string(key), section.as_object(), verdict_name(valid),
                                run_dir);
            }
        }
    }

    out << "<h2>Files</h2>\n<div class=\"links\">";
    for (const char* name : {"timeline.html", "messages.svg", "history.txt", "history.json",
                             "results.json", "test.json", "net-journal.jsonl"}) {
        if (std::filesystem::exists(run_dir / name)) {
            out << "<a href=\"" << files << name << "\">" << name << "</a>";
        }
    }
    out << "</div>\n<div class=\"links\"><b>node logs:</b> ";
    std::vector<std::string> logs;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(run_dir / "node-logs", ec)) {
        logs.push_back(entry.path().filename().string());
    }
    std::sort(logs.begin(), logs.end(), [](const std::string& a, const std::string& b) {
        return std::pair(a.size(), a) < std::pair(b.size(), b);  // n2 before n10
    });
    for (const auto& log : logs) {
        out << "<a href=\"" << files << "node-logs/" << xml_escape(log) << "\">" << xml_escape(log)
            << "</a>";
    }
    if (logs.empty()) {
        out << "<span class=\"muted\">none</span>";
    }
    out << "</div>\n<h2>Plots</h2>\n<div class=\"plot\">";
    for (const char* name :
         {"latency-raw.svg", "latency-quantiles.svg", "rate.svg", "resources.svg"}) {
        if (std::filesystem::exists(run_dir / name)) {
            out << "<img src=\"" << files << name << "\" alt=\"" << name << "\">";
        }
    }
    out << "</div>\n";
    if (run.has_results) {
        out << "<h2>Results</h2>\n<details class=\"card\"><summary>results as Maelstrom prints "
               "them</summary><pre style=\"max-height:40em\">"
            << xml_escape(to_edn(run.results)) << "</pre></details>\n";
    }
    out << html_page_end();
    return out.str();
}

}  // namespace sim
