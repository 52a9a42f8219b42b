#pragma once
// latency-quantiles.svg: Maelstrom's latency-quantiles plot (median, 95th,
// 99th percentile and maximum latency of each operation kind over time).
#include <filesystem>

#include "run/run_record.hpp"

namespace sim {

// The width in seconds of the windows quantiles are taken over: Jepsen's 30 s
// for long runs, narrower for short runs so that a short run still shows a line.
double quantile_window_s(double run_seconds);

void write_latency_quantiles_plot(const std::filesystem::path& file, const RunRecord& record);

}  // namespace sim
