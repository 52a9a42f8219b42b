#include "reports/timeline_html.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "checkers/history_util.hpp"
#include "reports/run_reports.hpp"
#include "reports/xml_escape.hpp"

namespace sim {
namespace {

// Jepsen's timeline colours, so that a page looks like the one Maelstrom writes.
constexpr const char* kStyle = R"(
body { font-family: sans-serif; margin: 0; color: #222; background: #fafafa; }
header { padding: 12px 16px; background: white; border-bottom: 1px solid #ddd;
         position: sticky; top: 0; z-index: 2; }
h1 { font-size: 18px; margin: 0 0 6px 0; }
.legend .hint { font-size: 12px; color: #666; padding: 0; }
.legend span { display: inline-block; padding: 1px 8px; margin-right: 6px; border-radius: 3px;
               font-size: 12px; }
.summary { font-size: 12px; color: #555; margin-top: 4px; }
.heads { position: relative; height: 18px; margin-left: 56px; font-size: 10px; color: #555; }
.heads div { position: absolute; top: 2px; text-align: center; overflow: hidden;
             white-space: nowrap; }
.lanes { position: relative; margin: 0 8px 40px 56px; background: white;
         border-left: 1px solid #ccc; }
.lane { position: absolute; top: 0; bottom: 0; border-right: 1px solid #f0f0f0; }
.tick { position: absolute; left: -56px; width: 50px; text-align: right; font-size: 10px;
        color: #777; }
.rule { position: absolute; left: 0; right: 0; border-top: 1px solid #eee; }
.op { position: absolute; min-height: 15px; border-radius: 2px; overflow: hidden;
      font-size: 10px; line-height: 13px; padding: 1px 4px; white-space: nowrap;
      text-overflow: ellipsis; box-sizing: border-box; box-shadow: 0 1px 2px rgba(0,0,0,0.25); }
.narrow .op { padding: 1px 2px; font-size: 9px; text-overflow: clip; }
.op:hover { outline: 2px solid #222; z-index: 1; }
.invoke { background: #eeeeee; }
.ok { background: #6DB6FE; }
.info { background: #FFAA26; }
.fail { background: #FEB5DA; }
.nemesis { background: rgba(120,120,120,0.18); position: absolute; left: 0; right: 0; }
)";

std::string op_title(const Op& invoke, const Op* done) {
    std::ostringstream t;
    t << "process " << invoke.process << ": " << (done ? to_string(done->type) : "pending") << ' '
      << invoke.f << ' ' << boost::json::serialize(invoke.value);
    if (done != nullptr) {
        if (!done->value.is_null() && done->value != invoke.value) {
            t << " -> " << boost::json::serialize(done->value);
        }
        if (done->error) {
            t << " error " << boost::json::serialize(*done->error);
        }
        if (done->exception) {
            t << " exception " << *done->exception;
        }
    }
    t << "\ninvoked at " << static_cast<double>(invoke.time_ns) / 1e9 << " s";
    if (done != nullptr) {
        t << ", took " << static_cast<double>(done->time_ns - invoke.time_ns) / 1e6 << " ms";
    }
    std::string s = t.str();
    if (s.size() > 600) {
        s = s.substr(0, 600) + "...";
    }
    return xml_escape(s);
}

}  // namespace

std::string timeline_html(const History& history, const TimelineInfo& info) {
    const auto pairs = pair_completions(history);
    std::map<std::int64_t, int> columns;  // process or thread -> column
    std::map<std::string, std::map<std::string, int>> counts;
    std::int64_t end_ns = info.duration_ns;
    for (const Op& op : history) {
        end_ns = std::max(end_ns, op.time_ns);
        if (!is_client_op(op)) {
            continue;
        }
        columns.emplace(info.concurrency > 0 ? op.process % info.concurrency : op.process, 0);
        if (op.type != OpType::invoke) {
            ++counts[op.f][to_string(op.type)];
        }
    }
    int next = 0;
    for (auto& [key, column] : columns) {
        column = next++;
    }
    const double seconds = std::max(1.0, static_cast<double>(end_ns) / 1e9);
    // Tall enough to tell ops apart, short enough to scroll through.
    const double px_per_s = std::clamp(12000.0 / seconds, 40.0, 300.0);
    const double height = seconds * px_per_s + 20;
    const double width = 100.0 / std::max(1, next);
    auto top = [&](std::int64_t ns) { return static_cast<double>(ns) / 1e9 * px_per_s; };

    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>Timeline: "
        << xml_escape(info.title) << "</title>\n<style>" << kStyle << "</style></head><body>\n"
        << "<header><h1>Timeline: " << xml_escape(info.title) << "</h1>\n"
        << "<div class=\"legend\"><span class=\"ok\">ok</span><span class=\"info\">info</span>"
        << "<span class=\"fail\">fail</span><span class=\"invoke\">no completion</span>"
        << "<span class=\"nemesis\" style=\"position:static\">network partitioned</span>"
        << "<span class=\"hint\">time flows down; hover over an operation for its "
           "details</span></div>\n<div class=\"summary\">";
    for (const auto& [f, by_type] : counts) {
        out << "<b>" << xml_escape(f) << "</b>:";
        for (const auto& [type, n] : by_type) {
            out << ' ' << n << ' ' << type;
        }
        out << " &nbsp; ";
    }
    out << "</div></header>\n<div class=\"heads\">";
    for (const auto& [key, column] : columns) {
        out << "<div style=\"left:" << column * width << "%;width:" << width << "%\">"
            << (info.concurrency > 0 ? "t" : "p") << key << "</div>";
    }
    // Many columns leave little room per block: smaller text, so more of the op shows.
    out << "</div>\n<div class=\"lanes" << (next > 12 ? " narrow" : "")
        << "\" style=\"height:" << height << "px\">\n";
    for (int c = 0; c < next; ++c) {
        out << "<div class=\"lane\" style=\"left:" << c * width << "%;width:" << width
            << "%\"></div>\n";
    }
    const double tick_s = seconds > 120 ? 10 : seconds > 20 ? 5 : 1;
    for (double s = 0; s <= seconds; s += tick_s) {
        out << "<div class=\"rule\" style=\"top:" << s * px_per_s << "px\"></div><div "
            << "class=\"tick\" style=\"top:" << s * px_per_s - 6 << "px\">" << s << " s</div>\n";
    }
    // Partitions, from the nemesis's own operations.
    for (const auto& p : partitions_of(history)) {
        const std::int64_t end = p.end_ns < 0 ? end_ns : p.end_ns;
        out << "<div class=\"nemesis\" title=\"network partitioned\" style=\"top:"
            << top(p.start_ns) << "px;height:" << top(end - p.start_ns) << "px\"></div>\n";
    }
    std::size_t drawn = 0;
    std::size_t client_ops = 0;
    for (const Op& op : history) {
        if (!is_client_op(op) || op.type != OpType::invoke) {
            continue;
        }
        ++client_ops;
        if (drawn == kTimelineMaxOps) {
            continue;
        }
        ++drawn;
        const auto it = pairs.find(op.index);
        const Op* done =
            it == pairs.end() ? nullptr : &history[static_cast<std::size_t>(it->second)];
        const std::int64_t op_end = done != nullptr ? done->time_ns : end_ns;
        const int column =
            columns.at(info.concurrency > 0 ? op.process % info.concurrency : op.process);
        out << "<div class=\"op " << (done != nullptr ? to_string(done->type) : "invoke")
            << "\" style=\"top:" << top(op.time_ns) << "px;height:" << top(op_end - op.time_ns)
            << "px;left:calc(" << column * width << "% + 1px);width:calc(" << width
            << "% - 2px)\" title=\"" << op_title(op, done) << "\">" << xml_escape(op.f);
        // A read's invoke carries nothing: show what it read instead.
        const boost::json::value& shown =
            op.value.is_null() && done != nullptr && done->type == OpType::ok ? done->value
                                                                              : op.value;
        if (!shown.is_null()) {
            // The block is narrow: its text only starts the op; the title has all of it.
            std::string value = boost::json::serialize(shown);
            if (value.size() > 40) {
                value = value.substr(0, 40) + "...";
            }
            out << ' ' << xml_escape(value);
        }
        out << "</div>\n";
    }
    out << "</div>\n";
    if (drawn < client_ops) {
        out << "<p style=\"margin-left:56px\">Only the first " << drawn << " of " << client_ops
            << " operations are drawn.</p>\n";
    }
    out << "</body></html>\n";
    return out.str();
}

void write_timeline(const std::filesystem::path& file, const History& history,
                    const TimelineInfo& info) {
    std::ofstream(file) << timeline_html(history, info);
}

}  // namespace sim
