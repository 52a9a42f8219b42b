#include <gtest/gtest.h>

#include <future>

#include "node_harness.hpp"

namespace maelstrom::testing {
namespace {

TEST(Timer, EveryRepeatsUntilCancelled) {
    NodeHarness harness;
    std::atomic<int> runs{0};
    std::promise<void> three;
    TimerHandle handle = harness.node().every(std::chrono::milliseconds(2), [&] {
        if (++runs == 3) {
            three.set_value();
        }
    });
    harness.start();
    harness.init();
    three.get_future().wait();
    handle.cancel();
    EXPECT_FALSE(handle.active());
    const int after_cancel = runs.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    // At most a run already handed to the pool may still complete.
    EXPECT_LE(runs.load(), after_cancel + 1);
}

TEST(Timer, AfterRunsOnce) {
    NodeHarness harness;
    std::atomic<int> runs{0};
    std::promise<void> ran;
    harness.node().after(std::chrono::milliseconds(1), [&] {
        ++runs;
        ran.set_value();
    });
    harness.start();
    harness.init();
    ran.get_future().wait();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(runs.load(), 1);
}

TEST(Timer, TimersThatAreDoneAreNotKept) {
    NodeHarness harness;
    harness.start();
    harness.init();
    constexpr int kTimers = 200;
    std::atomic<int> runs{0};
    for (int i = 0; i < kTimers; ++i) {
        harness.node().after(std::chrono::milliseconds(1), [&] { ++runs; });
    }
    auto cancelled = harness.node().every(std::chrono::milliseconds(1), [] {});
    auto kept = harness.node().every(std::chrono::hours(1), [] {});
    cancelled.cancel();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((runs.load() < kTimers || harness.node().timer_count() > 1) &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(runs.load(), kTimers);
    EXPECT_EQ(harness.node().timer_count(), 1u);
    EXPECT_TRUE(kept.active());
}

TEST(Timer, ThrowingTimerFunctionKeepsRunning) {
    LogCapture logs(log_level::error);
    NodeHarness harness;
    std::atomic<int> runs{0};
    std::promise<void> two;
    harness.node().every(std::chrono::milliseconds(1), [&] {
        if (++runs == 2) {
            two.set_value();
        }
        throw std::runtime_error("tick failed");
    });
    harness.start();
    harness.init();
    two.get_future().wait();
    EXPECT_TRUE(logs.contains("timer function threw: tick failed"));
}

TEST(Timer, TimersAreCancelledAtShutdown) {
    NodeOptions options;
    options.shutdown_grace = std::chrono::milliseconds(10);
    NodeHarness harness(options);
    TimerHandle handle = harness.node().every(std::chrono::milliseconds(1), [] {});
    harness.start();
    harness.init();
    harness.close_input();
    EXPECT_TRUE(harness.wait_finished());
    EXPECT_FALSE(handle.active());
}

}  // namespace
}  // namespace maelstrom::testing
