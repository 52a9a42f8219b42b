#include "reports/run_reports.hpp"

#include "reports/latency_quantiles_plot.hpp"
#include "reports/timeline_html.hpp"

namespace sim {

void write_history_reports(const std::filesystem::path& run_dir, const RunRecord& record,
                           const Options& options) {
    TimelineInfo info;
    info.title = options.workload + ", " + std::to_string(options.nodes.size()) +
                 (options.nodes.size() == 1 ? " node" : " nodes");
    info.concurrency = options.concurrency;
    info.duration_ns = record.duration_ns;
    write_timeline(run_dir / "timeline.html", record.history, info);
    write_latency_quantiles_plot(run_dir / "latency-quantiles.svg", record);
}

std::vector<PartitionInterval> partitions_of(const History& history) {
    std::vector<PartitionInterval> out;
    for (const Op& op : history) {
        if (op.process != kNemesisProcess || op.type == OpType::invoke) {
            continue;
        }
        if (op.f == "start-partition") {
            out.push_back({op.time_ns, -1});
        } else if (op.f == "stop-partition" && !out.empty() && out.back().end_ns < 0) {
            out.back().end_ns = op.time_ns;
        }
    }
    return out;
}

}  // namespace sim
