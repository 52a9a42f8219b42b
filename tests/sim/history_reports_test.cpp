// timeline.html and latency-quantiles.svg: what a reader of each file must find in it.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "history_builder.hpp"
#include "reports/latency_quantiles_plot.hpp"
#include "reports/run_reports.hpp"
#include "reports/timeline_html.hpp"
#include "scratch_dir.hpp"

namespace {

using sim::OpType;

simtest::HistoryBuilder three_kinds_of_completion() {
    simtest::HistoryBuilder b;
    b.add(0, OpType::invoke, "echo", "hello <world>", 10);
    b.add(0, OpType::ok, "echo", "hello <world>", 12);
    b.add(1, OpType::invoke, "echo", "lost one", 20);
    b.add(1, OpType::info, "echo", "lost one", 5020);
    b.add(2, OpType::invoke, "echo", "refused", 30);
    b.add(2, OpType::fail, "echo", "refused", 31);
    b.add(sim::kNemesisProcess, OpType::invoke, "start-partition", nullptr, 100);
    b.add(sim::kNemesisProcess, OpType::info, "start-partition", nullptr, 100);
    b.add(sim::kNemesisProcess, OpType::invoke, "stop-partition", nullptr, 900);
    b.add(sim::kNemesisProcess, OpType::info, "stop-partition", nullptr, 900);
    b.add(3, OpType::invoke, "echo", "still waiting", 40);
    return b;
}

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(Timeline, DrawsEveryClientOpColouredByItsCompletion) {
    const auto history = three_kinds_of_completion().history();
    const std::string html = sim::timeline_html(history, {"echo, 1 node", 0, 6'000'000'000});
    EXPECT_EQ(count(html, "class=\"op ok\""), 1u);
    EXPECT_EQ(count(html, "class=\"op info\""), 1u);
    EXPECT_EQ(count(html, "class=\"op fail\""), 1u);
    EXPECT_EQ(count(html, "class=\"op invoke\""), 1u) << "an op without completion is drawn too";
    // One column per process: p0..p3, and no column for the nemesis.
    for (const char* head : {">p0<", ">p1<", ">p2<", ">p3<"}) {
        EXPECT_NE(html.find(head), std::string::npos) << head;
    }
    EXPECT_EQ(html.find(">p-1<"), std::string::npos);
    EXPECT_EQ(count(html, "class=\"nemesis\" title"), 1u) << "the partition is shaded";
}

TEST(Timeline, TitlesDescribeTheOpWithItsTextEscaped) {
    const auto history = three_kinds_of_completion().history();
    const std::string html = sim::timeline_html(history, {"echo", 0, 6'000'000'000});
    EXPECT_NE(html.find("title=\"process 0: ok echo &quot;hello &lt;world&gt;&quot;"),
              std::string::npos);
    EXPECT_NE(html.find("took 2 ms"), std::string::npos);
    EXPECT_NE(html.find("process 1: info echo"), std::string::npos);
    EXPECT_EQ(html.find("<world>"), std::string::npos);
}

TEST(Timeline, IsSelfContained) {
    const auto history = three_kinds_of_completion().history();
    const std::string html = sim::timeline_html(history, {"echo", 0, 6'000'000'000});
    EXPECT_NE(html.find("<style>"), std::string::npos);
    for (const char* fetch : {"http:", "https:", "<script", "<link", "src=", "@import", "url("}) {
        EXPECT_EQ(html.find(fetch), std::string::npos) << fetch;
    }
}

TEST(Timeline, GroupsProcessesByThreadWhenConcurrencyIsKnown) {
    simtest::HistoryBuilder b;
    b.add(0, OpType::invoke, "echo", "a", 1);
    b.add(0, OpType::info, "echo", "a", 2);
    b.add(2, OpType::invoke, "echo", "b", 3);  // thread 0's next process
    b.add(2, OpType::ok, "echo", "b", 4);
    b.add(1, OpType::invoke, "echo", "c", 3);
    b.add(1, OpType::ok, "echo", "c", 4);
    const std::string html = sim::timeline_html(b.history(), {"echo", 2, 1'000'000'000});
    EXPECT_NE(html.find(">t0<"), std::string::npos);
    EXPECT_NE(html.find(">t1<"), std::string::npos);
    EXPECT_EQ(html.find(">t2<"), std::string::npos);
    EXPECT_NE(html.find("process 2: ok"), std::string::npos);
}

TEST(LatencyQuantiles, WindowsNarrowForShortRuns) {
    EXPECT_EQ(sim::quantile_window_s(3), 1);
    EXPECT_EQ(sim::quantile_window_s(60), 4);
    EXPECT_EQ(sim::quantile_window_s(3600), 30);
}

TEST(LatencyQuantiles, PlotsFourQuantilesPerOperationKind) {
    ScratchDir dir;
    simtest::HistoryBuilder b;
    for (int i = 0; i < 40; ++i) {
        b.add(0, OpType::invoke, "read", nullptr, i * 100);
        b.add(0, OpType::ok, "read", 1, i * 100 + 1 + i);
        b.add(1, OpType::invoke, "write", 1, i * 100 + 50);
        b.add(1, OpType::ok, "write", 1, i * 100 + 60);
    }
    sim::RunRecord record;
    record.history = b.history();
    record.duration_ns = 4'000'000'000;
    record.partitions.push_back({1'000'000'000, 2'000'000'000});
    sim::write_latency_quantiles_plot(dir / "q.svg", record);
    const std::string svg = read(dir / "q.svg");
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_NE(svg.find("</svg>"), std::string::npos);
    EXPECT_NE(svg.find("Latency quantiles"), std::string::npos);
    for (const char* label : {">read 0.5<", ">read 0.95<", ">read 0.99<", ">read 1<",
                              ">write 0.5 (dashed)<", ">write 1 (dashed)<"}) {
        EXPECT_NE(svg.find(label), std::string::npos) << label;
    }
    // Eight lines (two kinds times four quantiles), four points each (1 s windows).
    EXPECT_EQ(count(svg, "<path d=\"M"), 8u);
    EXPECT_EQ(count(svg, "<circle"), 32u);
    EXPECT_EQ(count(svg, "fill=\"#d9d9d9\""), 1u) << "the partition is shaded";
}

TEST(HistoryReports, WrittenNextToTheRun) {
    ScratchDir dir;
    sim::RunRecord record;
    record.history = three_kinds_of_completion().history();
    record.duration_ns = 6'000'000'000;
    sim::Options options;
    options.workload = "echo";
    options.nodes = {"n0"};
    sim::write_history_reports(dir.path(), record, options);
    EXPECT_NE(read(dir / "timeline.html").find("Timeline: echo, 1 node"), std::string::npos);
    EXPECT_NE(read(dir / "latency-quantiles.svg").find("echo 0.99"), std::string::npos);
}

TEST(HistoryReports, PartitionsComeBackFromTheNemesisOps) {
    const auto partitions = sim::partitions_of(three_kinds_of_completion().history());
    ASSERT_EQ(partitions.size(), 1u);
    EXPECT_EQ(partitions[0].start_ns, 100'000'000);
    EXPECT_EQ(partitions[0].end_ns, 900'000'000);
}

}  // namespace
