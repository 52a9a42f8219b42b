// Per-node resource sampling: /proc parsing, stats-line parsing, the CSV and
// the :resources summary, and the sampler against a real child process.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "network/node_process.hpp"
#include "reports/resource_report.hpp"
#include "run/resource_probe.hpp"
#include "run/resource_sampler.hpp"
#include "scratch_dir.hpp"

namespace sim {
namespace {

using namespace std::chrono_literals;

TEST(ResourceProbe, RssIsTheSecondStatmFieldInPages) {
    EXPECT_EQ(rss_kib_from_statm("1234 567 89 1 0 100 0\n", 4), 567 * 4);
    EXPECT_EQ(rss_kib_from_statm("10 3", 64), 192);
    for (const char* bad : {"", "12", "12 ", "12 x 3", "12 -5 3", "12 5x 3"}) {
        EXPECT_FALSE(rss_kib_from_statm(bad, 4)) << bad;
    }
}

TEST(ResourceProbe, PendingRpcsComeFromStatsLinesOnly) {
    EXPECT_EQ(
        pending_rpcs_from_stats_line(R"(maelstrom-stats {"node":"n1","pending_rpcs":7,"inbox":0})"),
        7);
    EXPECT_EQ(pending_rpcs_from_stats_line(R"(maelstrom-stats {"pending_rpcs":0})"), 0);
    EXPECT_TRUE(is_stats_line("maelstrom-stats {}"));
    EXPECT_FALSE(is_stats_line("INFO maelstrom-stats {}"));
    for (const char* other :
         {"INFO initialised as n1 of 5 nodes", R"(INFO maelstrom-stats {"pending_rpcs":7})",
          "maelstrom-stats not json", "maelstrom-stats {}", "maelstrom-stats [1]",
          R"(maelstrom-stats {"pending_rpcs":-1})", R"(maelstrom-stats {"pending_rpcs":"3"})",
          R"(maelstrom-stats {"pending_rpcs":7)"}) {
        EXPECT_FALSE(pending_rpcs_from_stats_line(other)) << other;
    }
}

TEST(ResourceProbe, CountsDirectoryEntries) {
    const ScratchDir scratch;
    const auto dir = scratch / "entries";
    std::filesystem::create_directories(dir);
    for (const char* name : {"a", "b", "c"}) {
        std::ofstream(dir / name) << name;
    }
    EXPECT_EQ(count_directory_entries(dir), 3);
    std::filesystem::remove_all(dir);
    EXPECT_FALSE(count_directory_entries(dir));
}

TEST(ResourceProbe, SeesThisProcessAndFollowsItsDescriptors) {
    const auto before = probe_process(::getpid());
    ASSERT_TRUE(before.rss_kib);
    ASSERT_TRUE(before.fds);
    EXPECT_GT(*before.rss_kib, 0);
    EXPECT_GE(*before.fds, 3);
    const int extra = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    ASSERT_GE(extra, 0);
    EXPECT_EQ(probe_process(::getpid()).fds, *before.fds + 1);
    ::close(extra);
}

TEST(ResourceProbe, AProcessThatIsGoneHasNoFigures) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::_exit(0);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    const auto gone = probe_process(child);
    EXPECT_FALSE(gone.rss_kib);
    EXPECT_FALSE(gone.fds);
    EXPECT_FALSE(probe_process(-1).rss_kib);
}

// A freshly started program briefly holds files of its own while it starts up (sleep
// opens the locale archive, for one); a descriptor leaked by the bench never goes away.
// So the count is taken once it has settled at three, or after five seconds.
std::optional<std::int64_t> fds_once_settled(pid_t pid) {
    auto fds = probe_process(pid).fds;
    for (int tries = 0; fds != 3 && tries < 500; ++tries) {
        std::this_thread::sleep_for(10ms);
        fds = probe_process(pid).fds;
    }
    return fds;
}

TEST(ResourceProbe, ANodeHoldsOnlyItsThreePipes) {
    boost::asio::io_context io;
    const ScratchDir dir;
    // The first node's log stream is open in the bench when the second starts.
    NodeProcess first(io, "n0");
    first.start("/bin/sleep", {"30"}, dir.path(), dir / "n0.log", [](const std::string&) {});
    NodeProcess second(io, "n1");
    second.start("/bin/sleep", {"30"}, dir.path(), dir / "n1.log", [](const std::string&) {});
    EXPECT_EQ(fds_once_settled(second.pid()), 3);
    EXPECT_EQ(fds_once_settled(first.pid()), 3);
}

ResourceSample sample(double t, const char* node, std::optional<std::int64_t> rss,
                      std::optional<std::int64_t> fds, std::optional<std::int64_t> pending) {
    return ResourceSample{t, node, rss, fds, pending};
}

TEST(ResourceReport, CsvLeavesUnknownFiguresEmpty) {
    std::ostringstream out;
    write_resources_csv(out, {sample(0.0004, "n0", 1024, 7, std::nullopt),
                              sample(1.25, "n1", std::nullopt, std::nullopt, 3)});
    EXPECT_EQ(out.str(),
              "time_s,node,rss_kib,fds,pending_rpcs\n"
              "0.000,n0,1024,7,\n"
              "1.250,n1,,,3\n");
}

TEST(ResourceReport, SummaryTakesFirstLastAndLargestPerNodeThenSpreadsThem) {
    const std::vector<ResourceSample> samples{sample(0, "n0", 100, 5, std::nullopt),
                                              sample(0, "n1", 200, 6, std::nullopt),
                                              sample(0, "n2", 300, 7, std::nullopt),
                                              sample(1, "n0", 150, 5, 2),
                                              sample(1, "n1", 900, 6, 0),
                                              sample(1, "n2", 310, 8, 1),
                                              sample(2, "n0", 120, 5, 1),
                                              sample(2, "n1", 250, 6, 0)};
    const auto summary = resources_summary(samples);
    EXPECT_EQ(summary.at("nodes").as_int64(), 3);
    EXPECT_EQ(summary.at("samples").as_int64(), 8);
    EXPECT_EQ(summary.at("last-sample-s").as_double(), 2.0);
    const auto& rss = summary.at("rss-kib").as_object();
    EXPECT_EQ(rss.at("first"), (boost::json::object{{"min", 100}, {"median", 200}, {"max", 300}}));
    // n2's last sample is at 1 s (it exited): its last value is 310.
    EXPECT_EQ(rss.at("last"), (boost::json::object{{"min", 120}, {"median", 250}, {"max", 310}}));
    EXPECT_EQ(rss.at("max").as_int64(), 900);
    EXPECT_EQ(rss.at("max-node").as_string(), "n1");
    const auto& fds = summary.at("fds").as_object();
    EXPECT_EQ(fds.at("last"), (boost::json::object{{"min", 5}, {"median", 6}, {"max", 8}}));
    const auto& pending = summary.at("pending-rpcs").as_object();
    EXPECT_EQ(pending.at("first"), (boost::json::object{{"min", 0}, {"median", 1}, {"max", 2}}));
    EXPECT_EQ(pending.at("last"), (boost::json::object{{"min", 0}, {"median", 1}, {"max", 1}}));
    EXPECT_EQ(pending.at("max").as_int64(), 2);
    EXPECT_EQ(pending.at("max-node").as_string(), "n0");
}

TEST(ResourceReport, PendingIsNilWhenNoNodeReportedIt) {
    const auto summary = resources_summary({sample(0, "n0", 100, 5, std::nullopt)});
    EXPECT_TRUE(summary.at("pending-rpcs").is_null());
    EXPECT_FALSE(summary.at("rss-kib").is_null());
}

TEST(ResourceSampler, SamplesALiveNodeAndSkipsItOnceItHasExited) {
    boost::asio::io_context io;
    const ScratchDir dir;
    NodeProcess node(io, "n0");
    const auto start = std::chrono::steady_clock::now();
    ResourceSampler sampler(
        io,
        [start] {
            return std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::steady_clock::now() - start)
                .count();
        },
        50ms, dir / "resources.csv");
    node.set_stderr_observer(
        [&sampler](const std::string& line) { sampler.note_stderr_line("n0", line); });
    node.start("/bin/sh", {"-c", R"(echo 'maelstrom-stats {"pending_rpcs":4}' >&2; exec sleep 30)"},
               dir.path(), dir / "node.log", [](const std::string&) {});
    sampler.watch(node);
    sampler.start();
    boost::asio::steady_timer stop(io);
    stop.expires_after(400ms);
    std::size_t while_alive = 0;
    stop.async_wait([&](const boost::system::error_code&) {
        while_alive = sampler.samples().size();
        node.kill();
        stop.expires_after(300ms);
        stop.async_wait([&](const boost::system::error_code&) { sampler.stop(); });
    });
    io.run();
    const auto samples = sampler.take_samples();
    EXPECT_GE(while_alive, 4u);
    EXPECT_EQ(samples.size(), while_alive);
    ASSERT_FALSE(samples.empty());
    const auto& last = samples.back();
    EXPECT_EQ(last.node, "n0");
    ASSERT_TRUE(last.rss_kib);
    EXPECT_GT(*last.rss_kib, 0);
    ASSERT_TRUE(last.fds);
    EXPECT_GE(*last.fds, 3);
    EXPECT_EQ(last.pending_rpcs, 4);
    for (std::size_t i = 1; i < samples.size(); ++i) {
        EXPECT_GT(samples[i].time_s, samples[i - 1].time_s);
    }
    // The file was written as the samples were taken (the sampler still
    // exists, nothing has closed the stream).
    std::ifstream csv(dir / "resources.csv");
    std::stringstream written;
    written << csv.rdbuf();
    std::ostringstream expected;
    write_resources_csv(expected, samples);
    EXPECT_EQ(written.str(), expected.str());
}

}  // namespace
}  // namespace sim
