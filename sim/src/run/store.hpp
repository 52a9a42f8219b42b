#pragma once
// The per-run store directory: store/<workload>/<timestamp>/.
#include <boost/json.hpp>
#include <filesystem>
#include <string>

#include "run/run_record.hpp"

namespace sim {

// Creates store/<workload>/<yyyyMMddTHHmmss.SSS+0000>/ and points the
// latest/current symlinks at it.
std::filesystem::path make_store_dir(const std::filesystem::path& root,
                                     const std::string& workload);

boost::json::value op_to_json(const Op& op);

// results.json, history.json and history.txt; net-journal.jsonl is written
// during the run (JournalWriter).
void write_run_files(const std::filesystem::path& dir, const RunRecord& record,
                     const boost::json::object& results);

}  // namespace sim
