// The opt-in `maelstrom-stats {json}` line on stderr: parsing of
// MAELSTROM_STATS_INTERVAL_MS, the reporter's timing, and the figures a
// running node reports.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "node_harness.hpp"
#include "stats_reporter.hpp"

namespace maelstrom::testing {
namespace {

using detail::parse_stats_interval;

TEST(StatsInterval, UnsetOrEmptyIsOffWithoutComplaint) {
    for (const char* value : {static_cast<const char*>(nullptr), ""}) {
        const auto setting = parse_stats_interval(value);
        EXPECT_FALSE(setting.interval);
        EXPECT_TRUE(setting.error.empty());
    }
}

TEST(StatsInterval, PositiveMillisecondsAreAccepted) {
    EXPECT_EQ(parse_stats_interval("1").interval, 1ms);
    EXPECT_EQ(parse_stats_interval("1000").interval, 1000ms);
    EXPECT_EQ(parse_stats_interval("86400000").interval, 86'400'000ms);
    EXPECT_TRUE(parse_stats_interval("250").error.empty());
}

TEST(StatsInterval, AnythingElseIsRejectedWithTheValueInTheReason) {
    for (const char* value : {"0", "-5", "+5", "abc", "10ms", " 100", "100 ", "1.5", "86400001",
                              "99999999999999999999999"}) {
        const auto setting = parse_stats_interval(value);
        EXPECT_FALSE(setting.interval) << value;
        EXPECT_NE(setting.error.find("MAELSTROM_STATS_INTERVAL_MS"), std::string::npos) << value;
        EXPECT_NE(setting.error.find(std::string("\"") + value + "\""), std::string::npos)
            << setting.error;
    }
}

TEST(StatsLine, IsThePrefixAndOneJsonObjectOnOneLine) {
    const auto line = detail::format_stats_line({{"pending_rpcs", 3}, {"node", "n1"}});
    ASSERT_TRUE(line.starts_with("maelstrom-stats {"));
    ASSERT_TRUE(line.ends_with("}\n"));
    EXPECT_EQ(line.find('\n'), line.size() - 1);
    const auto parsed = json::parse(line.substr(16)).as_object();
    EXPECT_EQ(parsed.at("pending_rpcs").as_int64(), 3);
    EXPECT_EQ(parsed.at("node").as_string(), "n1");
}

TEST(StatsReporter, WritesEveryIntervalAndStopLeavesNoWork) {
    asio::io_context io;
    std::vector<std::string> lines;
    int snapshots = 0;
    std::optional<detail::StatsReporter> reporter;
    reporter.emplace(
        io, 5ms,
        [&] {
            return json::object{{"tick", ++snapshots}};
        },
        [&](std::string_view line) {
            lines.emplace_back(line);
            if (lines.size() == 3) {
                reporter->stop();
            }
        });
    reporter->start();
    const auto started = std::chrono::steady_clock::now();
    // Returns only because stop() cancelled the last tick.
    io.run();
    const auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[2], "maelstrom-stats {\"tick\":3}\n");
    EXPECT_GE(elapsed, 15ms);
    EXPECT_LT(elapsed, 5s);
}

// Sets an environment variable for one test; set before any node thread
// starts and restored after they are joined.
class EnvVar {
  public:
    EnvVar(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) {
            old_ = old;
        }
        ::setenv(name, value, 1);
    }
    ~EnvVar() {
        if (old_) {
            ::setenv(name_, old_->c_str(), 1);
        } else {
            ::unsetenv(name_);
        }
    }
    EnvVar(const EnvVar&) = delete;
    EnvVar& operator=(const EnvVar&) = delete;

  private:
    const char* name_;
    std::optional<std::string> old_;
};

// Redirects this process's stderr into a pipe and collects its lines (and
// passes them on to the real stderr, so sanitizer reports stay visible).
class StderrCapture {
  public:
    StderrCapture() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            throw std::runtime_error("pipe failed");
        }
        read_end_ = fds[0];
        saved_ = ::dup(STDERR_FILENO);
        ::dup2(fds[1], STDERR_FILENO);
        ::close(fds[1]);
        reader_ = std::thread([this] { read_lines(); });
    }
    ~StderrCapture() {
        ::dup2(saved_, STDERR_FILENO);
        reader_.join();
        ::close(read_end_);
        ::close(saved_);
    }
    StderrCapture(const StderrCapture&) = delete;
    StderrCapture& operator=(const StderrCapture&) = delete;

    // The first stats object matching `wanted` that arrives within `timeout`.
    std::optional<json::object> wait_for_stats(std::function<bool(const json::object&)> wanted,
                                               std::chrono::milliseconds timeout = 10s) {
        std::unique_lock lock(mutex_);
        std::optional<json::object> found;
        changed_.wait_for(lock, timeout, [&] {
            for (; checked_ < lines_.size(); ++checked_) {
                const auto& line = lines_[checked_];
                if (!line.starts_with("maelstrom-stats ")) {
                    continue;
                }
                auto stats = json::parse(line.substr(16)).as_object();
                if (wanted(stats)) {
                    found = std::move(stats);
                    ++checked_;
                    return true;
                }
            }
            return false;
        });
        return found;
    }

    std::size_t stats_line_count() const {
        std::lock_guard lock(mutex_);
        std::size_t count = 0;
        for (const auto& line : lines_) {
            count += line.starts_with("maelstrom-stats ") ? 1 : 0;
        }
        return count;
    }

  private:
    void read_lines() {
        maelstrom::testing::read_lines(
            read_end_,
            [this](std::string_view line) {
                std::lock_guard lock(mutex_);
                lines_.emplace_back(line);
                changed_.notify_all();
            },
            [this](std::string_view chunk) { forward(chunk); });
    }
    void forward(std::string_view data) const {
        while (!data.empty()) {
            const auto written = ::write(saved_, data.data(), data.size());
            if (written <= 0) {
                return;
            }
            data.remove_prefix(static_cast<std::size_t>(written));
        }
    }

    int read_end_ = -1;
    int saved_ = -1;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::string> lines_;
    std::size_t checked_ = 0;
    std::thread reader_;
};

NodeOptions quick_shutdown() {
    NodeOptions options;
    options.shutdown_grace = 200ms;
    return options;
}

TEST(NodeStats, LineCarriesTheNumberOfPendingRpcs) {
    EnvVar interval("MAELSTROM_STATS_INTERVAL_MS", "20");
    StderrCapture captured;
    {
        NodeHarness harness(quick_shutdown());
        // n1 never answers, so every RPC to it stays pending until its deadline.
        harness.set_responder(
            [](const json::object& envelope) { return envelope.at("dest") == "n1"; });
        harness.node().handle("test", [&harness](const Message& request) {
            for (int i = 0; i < 3; ++i) {
                harness.node().async_rpc("n1", {{"type", "void"}}, 30s,
                                         [](std::exception_ptr, Message) {});
            }
            harness.node().reply(request, {{"type", "test_ok"}});
        });
        harness.start();
        ASSERT_EQ(body_of(harness.init()).at("type"), "init_ok");
        const auto idle = captured.wait_for_stats([](const json::object& stats) {
            return stats.at("node") == "n0" &&
                   stats.at("pending_rpcs").to_number<std::int64_t>() == 0;
        });
        ASSERT_TRUE(idle);
        for (const char* key :
             {"requests_in_flight", "inbox", "handler_threads", "handlers_queued",
              "handlers_running", "timers_armed", "timers_kept", "output_queued_bytes"}) {
            EXPECT_TRUE(idle->contains(key)) << key;
        }
        harness.send("c1", "n0", {{"type", "test"}, {"msg_id", 2}});
        ASSERT_EQ(body_of(harness.next()).at("type"), "test_ok");
        // A tick may land between the three calls; the count must reach 3.
        const auto busy = captured.wait_for_stats([](const json::object& stats) {
            return stats.at("pending_rpcs").to_number<std::int64_t>() == 3;
        });
        ASSERT_TRUE(busy);
        EXPECT_EQ(harness.node().pending_rpc_count(), 3u);
        // The reporter must not hold the node up after EOF, although the
        // RPCs still have most of their 30 s deadline left.
        const auto closed = std::chrono::steady_clock::now();
        harness.close_input();
        ASSERT_TRUE(harness.wait_finished(5s));
        EXPECT_LT(std::chrono::steady_clock::now() - closed, 2s);
        EXPECT_TRUE(harness.all_lines_valid());
    }
    // No line after run() returned.
    const auto lines = captured.stats_line_count();
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(captured.stats_line_count(), lines);
}

// Starts a node, lets it run for 100 ms after init and shuts it down.
void run_node_briefly() {
    NodeHarness harness(quick_shutdown());
    harness.start();
    ASSERT_EQ(body_of(harness.init()).at("type"), "init_ok");
    std::this_thread::sleep_for(100ms);
    harness.close_input();
    ASSERT_TRUE(harness.wait_finished(5s));
}

TEST(NodeStats, InvalidIntervalIsReportedAndNothingIsWritten) {
    EnvVar interval("MAELSTROM_STATS_INTERVAL_MS", "1s");
    LogCapture log(log_level::info);
    StderrCapture captured;
    run_node_briefly();
    EXPECT_TRUE(log.contains("MAELSTROM_STATS_INTERVAL_MS=\"1s\" ignored"));
    EXPECT_EQ(captured.stats_line_count(), 0u);
}

TEST(NodeStats, UnsetWritesNothing) {
    ::unsetenv("MAELSTROM_STATS_INTERVAL_MS");
    StderrCapture captured;
    run_node_briefly();
    EXPECT_EQ(captured.stats_line_count(), 0u);
}

}  // namespace
}  // namespace maelstrom::testing
