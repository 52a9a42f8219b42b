#pragma once
// The report files written next to a run's results that need only its
// history: timeline.html and latency-quantiles.svg. `test` writes them at the
// end of a run and `analyze` again for a stored one.
#include <filesystem>

#include "run/options.hpp"
#include "run/run_record.hpp"

namespace sim {

void write_history_reports(const std::filesystem::path& run_dir, const RunRecord& record,
                           const Options& options);

// The partitions a history's nemesis operations record, for stored runs.
std::vector<PartitionInterval> partitions_of(const History& history);

}  // namespace sim
