#include "run/targets.hpp"

#include <gtest/gtest.h>

namespace {

sim::Options part_3d_options() {
    sim::Options o;
    o.workload = "broadcast";
    o.rate = 100;
    o.latency_ms = 100;
    for (int i = 0; i < 25; ++i) {
        o.nodes.push_back("n" + std::to_string(i));
    }
    return o;
}

boost::json::object results(double servers_mpo, double all_mpo, int median, int max) {
    return boost::json::parse(R"({"valid?": true,
        "net": {"all": {"msgs-per-op": )" +
                              std::to_string(all_mpo) + R"(},
                "servers": {"msgs-per-op": )" +
                              std::to_string(servers_mpo) + R"(}},
        "workload": {"stable-latencies": {"0.5": )" +
                              std::to_string(median) + R"(, "1": )" + std::to_string(max) + "}}}")
        .as_object();
}

TEST(Targets, Part3dUsesServerMessagesNotAll) {
    // :all is above 30 but :servers, the target figure, is below.
    const auto report = sim::judge_targets("3d", part_3d_options(), results(25, 31, 350, 550));
    EXPECT_TRUE(report.pass);
    EXPECT_TRUE(report.notes.size() == 1);  // the :all figure, for reference
}

TEST(Targets, Part3dFailsOnMaxLatency) {
    const auto report = sim::judge_targets("3d", part_3d_options(), results(25, 27, 350, 700));
    EXPECT_FALSE(report.pass);
    EXPECT_FALSE(report.lines.back().pass);
}

TEST(Targets, Part3eIsStricterOnMessages) {
    const auto report = sim::judge_targets("3e", part_3d_options(), results(25, 27, 350, 700));
    EXPECT_FALSE(report.pass);
    EXPECT_FALSE(report.lines[1].pass);
    EXPECT_TRUE(report.lines[2].pass);
    EXPECT_TRUE(report.lines[3].pass);
}

TEST(Targets, InvalidVerdictFailsEveryPart) {
    auto r = results(1, 1, 1, 1);
    r["valid?"] = false;
    EXPECT_FALSE(sim::judge_targets("3d", part_3d_options(), r).pass);
}

TEST(Targets, NotesOptionMismatches) {
    auto o = part_3d_options();
    o.latency_ms = 0;
    const auto report = sim::judge_targets("3d", o, results(1, 1, 1, 1));
    EXPECT_GE(report.notes.size(), 2u);
}

TEST(Targets, KnowsEveryPart) {
    for (const char* part :
         {"1", "2", "3a", "3b", "3c", "3d", "3e", "4", "5a", "5b", "5c", "6a", "6b", "6c"}) {
        EXPECT_TRUE(sim::target_workload(part).has_value()) << part;
    }
    EXPECT_FALSE(sim::target_workload("7").has_value());
}

}  // namespace
