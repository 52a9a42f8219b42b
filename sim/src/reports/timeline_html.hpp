#pragma once
// timeline.html: every client operation on a time axis, one column per worker
// thread, as Jepsen's timeline shows a history. A single self-contained page
// (inline CSS, no scripts, nothing fetched) so that it opens from disk.
#include <filesystem>
#include <string>

#include "run/history.hpp"

namespace sim {

struct TimelineInfo {
    std::string title;    // e.g. "echo, 3 nodes"
    int concurrency = 0;  // worker threads; 0: one column per process
    std::int64_t duration_ns = 0;
};

// Operations beyond this many are left out (the page says so), keeping the
// page small enough for a browser to lay out.
inline constexpr std::size_t kTimelineMaxOps = 20000;

std::string timeline_html(const History& history, const TimelineInfo& info);

void write_timeline(const std::filesystem::path& file, const History& history,
                    const TimelineInfo& info);

}  // namespace sim
