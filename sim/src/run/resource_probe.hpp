#pragma once
// What the bench can learn about a node process while it runs: resident
// memory and open descriptors from /proc, and the pending-RPC count a node
// reports on its own stderr (`maelstrom-stats {json}`, see docs/api.md).
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

namespace sim {

// Resident set size from the text of /proc/<pid>/statm (its second field
// counts pages).
std::optional<std::int64_t> rss_kib_from_statm(std::string_view statm, std::int64_t page_kib);

// True for a line a node writes with MAELSTROM_STATS_INTERVAL_MS set.
bool is_stats_line(std::string_view line);

// pending_rpcs of a stats line; empty for any other line or a malformed one.
std::optional<std::int64_t> pending_rpcs_from_stats_line(std::string_view line);

// Entries of a directory ("." and ".." excluded); empty if it cannot be read.
std::optional<std::int64_t> count_directory_entries(const std::filesystem::path& dir);

struct ProcessResources {
    std::optional<std::int64_t> rss_kib;
    std::optional<std::int64_t> fds;
};

// Either figure is empty when the process has gone or /proc does not say.
ProcessResources probe_process(pid_t pid);

}  // namespace sim
