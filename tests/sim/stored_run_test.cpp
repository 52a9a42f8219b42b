// Reading runs back from the store: options, history, and which run -t means.
#include "run/stored_run.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "run/store.hpp"
#include "scratch_dir.hpp"

namespace {

TEST(StoredRun, OptionsRoundTrip) {
    sim::Options o;
    o.workload = "broadcast";
    o.nodes = {"n0", "n1"};
    o.concurrency = 4;
    o.rate = 12.5;
    o.latency_ms = 30;
    o.latency_dist = sim::LatencyDist::exponential;
    o.nemesis_partition = true;
    o.availability = 0.9;
    o.topology = "tree4";
    o.key_count = 3;
    o.consistency_models = {"read-committed"};
    o.seed = 42;
    o.targets = "3b";
    const auto back = sim::options_from_json(sim::options_to_json(o));
    EXPECT_EQ(back.workload, "broadcast");
    EXPECT_EQ(back.nodes, o.nodes);
    EXPECT_EQ(back.concurrency, 4);
    EXPECT_EQ(back.rate, 12.5);
    EXPECT_EQ(back.latency_ms, 30);
    EXPECT_EQ(back.latency_dist, sim::LatencyDist::exponential);
    EXPECT_TRUE(back.nemesis_partition);
    EXPECT_EQ(back.availability, 0.9);
    EXPECT_FALSE(back.availability_total);
    EXPECT_EQ(back.topology, "tree4");
    EXPECT_EQ(back.key_count, 3);
    EXPECT_EQ(back.consistency_models, o.consistency_models);
    EXPECT_EQ(back.seed, 42u);
    EXPECT_EQ(back.targets, "3b");
}

TEST(StoredRun, TotalAvailabilityRoundTrips) {
    sim::Options o;
    o.availability = 1.0;
    o.availability_total = true;
    const auto back = sim::options_from_json(sim::options_to_json(o));
    EXPECT_TRUE(back.availability_total);
}

TEST(StoredRun, OpsRoundTrip) {
    sim::Op op;
    op.index = 3;
    op.time_ns = 1234;
    op.process = sim::kNemesisProcess;
    op.type = sim::OpType::info;
    op.f = "start-partition";
    op.value = boost::json::array{1, 2};
    op.error = boost::json::value("net-timeout");
    op.final = true;
    op.exception = "boom";
    const auto back = sim::op_from_json(sim::op_to_json(op).as_object());
    EXPECT_EQ(back.index, 3);
    EXPECT_EQ(back.time_ns, 1234);
    EXPECT_EQ(back.process, sim::kNemesisProcess);
    EXPECT_EQ(back.type, sim::OpType::info);
    EXPECT_EQ(back.f, "start-partition");
    EXPECT_EQ(back.value, op.value);
    EXPECT_EQ(back.error, op.error);
    EXPECT_TRUE(back.final);
    EXPECT_EQ(back.exception, "boom");
}

TEST(StoredRun, FindsRunsByIndexOldestFirst) {
    ScratchDir dir;
    const auto store = dir / "store";
    for (const char* run : {"echo/20250101T000000.000+0000", "kafka/20250102T000000.000+0000",
                            "echo/20250103T000000.000+0000"}) {
        std::filesystem::create_directories(store / run);
        std::ofstream(store / run / "history.json") << "[]";
    }
    std::filesystem::create_directory_symlink("echo/20250103T000000.000+0000", store / "latest");
    std::filesystem::create_directory_symlink("20250103T000000.000+0000",
                                              store / "echo" / "latest");
    const auto runs = sim::list_runs(store);
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[1].filename(), "20250102T000000.000+0000");
    EXPECT_EQ(sim::find_run(store, "-1"), store / "echo/20250103T000000.000+0000");
    EXPECT_EQ(sim::find_run(store, "-3"), store / "echo/20250101T000000.000+0000");
    EXPECT_EQ(sim::find_run(store, "1"), store / "kafka/20250102T000000.000+0000");
    EXPECT_FALSE(sim::find_run(store, "3"));
    EXPECT_FALSE(sim::find_run(store, "-4"));
    EXPECT_EQ(sim::find_run(store, (store / "latest").string()), store / "latest");
    EXPECT_FALSE(sim::find_run(store, (store / "nothing").string()));
}

TEST(StoredRun, ReadsAWrittenHistory) {
    ScratchDir dir;
    sim::RunRecord record;
    sim::Op op;
    op.f = "echo";
    op.value = "hi";
    record.history.push_back(op);
    op.index = 1;
    op.type = sim::OpType::ok;
    op.time_ns = 5;
    record.history.push_back(op);
    sim::write_run_files(dir.path(), record, {});
    const auto history = sim::read_history(dir / "history.json");
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].type, sim::OpType::ok);
    EXPECT_EQ(history[1].value, "hi");
    EXPECT_THROW(sim::read_history(dir / "missing.json"), std::runtime_error);
}

}  // namespace
