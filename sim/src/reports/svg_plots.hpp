#pragma once
// latency-raw.svg, rate.svg and resources.svg, drawn by a small SVG writer,
// with partitions shaded as in Maelstrom's plots.
#include <filesystem>

#include "run/run_record.hpp"

namespace sim {

void write_latency_plot(const std::filesystem::path& file, const RunRecord& record);
void write_rate_plot(const std::filesystem::path& file, const RunRecord& record);
// resources.svg: resident memory of every node over time, one line each.
void write_resources_plot(const std::filesystem::path& file, const RunRecord& record);

}  // namespace sim
