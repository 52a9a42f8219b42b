#pragma once
// Opt-in periodic resource line on stderr: with MAELSTROM_STATS_INTERVAL_MS
// set, a node writes `maelstrom-stats {json}` every interval, so that a test
// bench can follow pending RPCs and queue depths over a long run without the
// stdout protocol seeing anything.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace maelstrom::detail {

inline constexpr const char* kStatsIntervalVariable = "MAELSTROM_STATS_INTERVAL_MS";
inline constexpr std::string_view kStatsLinePrefix = "maelstrom-stats ";

struct StatsInterval {
    // Empty: reporting stays off.
    std::optional<std::chrono::milliseconds> interval;
    // Why a set value was rejected (empty when it was accepted or unset).
    std::string error;
};

// `value` is the variable's content, nullptr when it is unset. An unset or
// empty variable is off; anything but a positive decimal integer of at most
// one day is rejected.
StatsInterval parse_stats_interval(const char* value);

// The whole line, newline included.
std::string format_stats_line(const boost::json::object& stats);

// Runs on the io_context it is given (the node's service thread), so the snapshot
// may read state owned by that thread.
class StatsReporter {
  public:
    using snapshot_fn = std::function<boost::json::object()>;
    using write_fn = std::function<void(std::string_view line)>;

    StatsReporter(boost::asio::io_context& io, std::chrono::milliseconds interval,
                  snapshot_fn snapshot, write_fn write);
    StatsReporter(const StatsReporter&) = delete;
    StatsReporter& operator=(const StatsReporter&) = delete;

    void start();
    // Cancels the pending tick, so the reporter never keeps io.run() going.
    void stop();

  private:
    void arm();

    boost::asio::steady_timer timer_;
    std::chrono::milliseconds interval_;
    snapshot_fn snapshot_;
    write_fn write_;
    bool stopped_ = false;
};

}  // namespace maelstrom::detail
