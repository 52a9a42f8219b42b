#include "stats_reporter.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>
#include <cstdint>
#include <string_view>

namespace maelstrom::detail {
namespace {

// A value with a few digits too many is reported as a mistake instead of
// silently producing no line during the whole run.
constexpr std::int64_t kMaxIntervalMs = 24LL * 60 * 60 * 1000;

}  // namespace

StatsInterval parse_stats_interval(const char* value) {
    StatsInterval result;
    if (value == nullptr || *value == '\0') {
        return result;
    }
    const std::string_view text(value);
    std::int64_t ms = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ms);
    const bool digits_only = text.find_first_not_of("0123456789") == std::string_view::npos;
    if (!digits_only || error != std::errc() || end != text.data() + text.size() || ms <= 0 ||
        ms > kMaxIntervalMs) {
        result.error = std::string(kStatsIntervalVariable) + "=\"" + std::string(text) +
                       "\" ignored: expected a positive number of milliseconds up to " +
                       std::to_string(kMaxIntervalMs) + "; stats reporting stays off";
        return result;
    }
    result.interval = std::chrono::milliseconds(ms);
    return result;
}

std::string format_stats_line(const boost::json::object& stats) {
    std::string line(kStatsLinePrefix);
    line += boost::json::serialize(stats);
    line += '\n';
    return line;
}

StatsReporter::StatsReporter(boost::asio::io_context& io, std::chrono::milliseconds interval,
                             snapshot_fn snapshot, write_fn write)
    : timer_(io), interval_(interval), snapshot_(std::move(snapshot)), write_(std::move(write)) {}

void StatsReporter::start() {
    stopped_ = false;
    arm();
}

void StatsReporter::stop() {
    stopped_ = true;
    timer_.cancel();
}

void StatsReporter::arm() {
    timer_.expires_after(interval_);
    timer_.async_wait([this](boost::system::error_code error) {
        if (error || stopped_) {
            return;
        }
        write_(format_stats_line(snapshot_()));
        arm();
    });
}

}  // namespace maelstrom::detail
