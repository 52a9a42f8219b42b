#pragma once
// Reading runs back from the store: the options a run was made with
// (test.json, written when it starts), its history, and which runs exist.
// `analyze` and `serve` work from these.
#include <boost/json.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "run/history.hpp"
#include "run/options.hpp"

namespace sim {

boost::json::object options_to_json(const Options& options);
// Missing fields keep their defaults, so older or hand-made files still load.
Options options_from_json(const boost::json::object& json);

// test.json in a run's directory.
void write_test_file(const std::filesystem::path& run_dir, const Options& options);

// The inverse of op_to_json.
Op op_from_json(const boost::json::object& json);
// history.json; throws std::runtime_error if it is missing or malformed.
History read_history(const std::filesystem::path& file);

// A JSON file parsed, or std::nullopt if it is missing or not JSON.
std::optional<boost::json::value> read_json_file(const std::filesystem::path& file);

// Every run directory (store/<workload>/<timestamp>/, not the latest/current
// links), oldest first: timestamps sort as they were made.
std::vector<std::filesystem::path> list_runs(const std::filesystem::path& store_root);

// Maelstrom's -t INDEX_OR_PATH: an index into list_runs (negative counts from
// the newest, -1 being the latest) or a run directory. std::nullopt if there
// is no such run.
std::optional<std::filesystem::path> find_run(const std::filesystem::path& store_root,
                                              const std::string& index_or_path);

}  // namespace sim
