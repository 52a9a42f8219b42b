#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "rounds/round_timing.hpp"

namespace {

TEST(GSetTiming, RoundsAreAlignedToTheClockWithTheHubOffset) {
    using std::chrono::milliseconds;
    EXPECT_EQ(
        rounds::delay_to_next_round(milliseconds(10'000), milliseconds(2500), milliseconds(0)),
        milliseconds(2500));
    EXPECT_EQ(
        rounds::delay_to_next_round(milliseconds(10'001), milliseconds(2500), milliseconds(0)),
        milliseconds(2499));
    EXPECT_EQ(
        rounds::delay_to_next_round(milliseconds(10'000), milliseconds(2500), milliseconds(60)),
        milliseconds(60));
}

TEST(GSetTiming, PeriodComesFromTheEnvironment) {
    std::string problems;
    auto lookup = [](const char* value) { return [value](const char*) { return value; }; };
    EXPECT_EQ(rounds::timing_from(lookup("800"), "V", {}, problems).period.count(), 800);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(rounds::timing_from(lookup("1x"), "V", {}, problems).period.count(), 2500);
    EXPECT_EQ(rounds::timing_from(lookup("100"), "V", {}, problems).period.count(), 2500);
    EXPECT_FALSE(problems.empty());
}

// Timers that run only when the test says, in the order they were set.
struct ManualTimers {
    void after(std::chrono::milliseconds, std::function<void()> fn) {
        due.push_back(std::move(fn));
    }
    void run_next() {
        auto fn = std::move(due.front());
        due.erase(due.begin());
        fn();
    }
    std::vector<std::function<void()>> due;
};

TEST(GSetTiming, AnInstantTimedBeforeTheOffsetChangedIsSkipped) {
    // Rounds are timed before init, when no node knows it is the hub; the
    // hub's offset comes with init. The instant timed with the leaves'
    // offset must not run, or the hub would run two rounds in one period.
    ManualTimers timers;
    std::chrono::milliseconds offset{0};
    int rounds_run = 0;
    rounds::schedule_rounds(
        timers, rounds::Timing{}, [&] { return offset; }, [&] { ++rounds_run; });
    offset = rounds::Timing{}.hub_offset;
    timers.run_next();
    EXPECT_EQ(rounds_run, 0);
    ASSERT_EQ(timers.due.size(), 1u);
    timers.run_next();
    EXPECT_EQ(rounds_run, 1);
    timers.run_next();
    EXPECT_EQ(rounds_run, 2);
}

}  // namespace
