#include <gtest/gtest.h>

#include "checkers/stats.hpp"
#include "checkers/workload_checkers.hpp"
#include "history_builder.hpp"

using sim::OpType;
using sim::Validity;
using simtest::HistoryBuilder;

namespace {

boost::json::value echo_reply(const std::string& text) {
    return boost::json::object{{"type", "echo_ok"}, {"echo", text}, {"in_reply_to", 1}};
}

TEST(EchoChecker, AcceptsEchoedValues) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "echo", "Please echo 1", 0);
    h.add(0, OpType::ok, "echo", echo_reply("Please echo 1"), 1);
    EXPECT_EQ(sim::check_echo(h.history()).valid, Validity::valid);
}

TEST(EchoChecker, RejectsWrongEcho) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "echo", "Please echo 1", 0);
    h.add(0, OpType::ok, "echo", echo_reply("Please echo 2"), 1);
    const auto result = sim::check_echo(h.history());
    EXPECT_EQ(result.valid, Validity::invalid);
    EXPECT_EQ(result.report.at("errors").as_array().size(), 1u);
}

TEST(EchoChecker, RejectsTimedOutEcho) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "echo", "Please echo 1", 0);
    h.add(0, OpType::info, "echo", "Please echo 1", 5000);
    EXPECT_EQ(sim::check_echo(h.history()).valid, Validity::invalid);
}

TEST(UniqueIdsChecker, AcceptsDistinctIds) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "generate", nullptr, 0);
    h.add(0, OpType::ok, "generate", 1, 1);
    h.add(1, OpType::invoke, "generate", nullptr, 2);
    h.add(1, OpType::ok, "generate", "1", 3);  // a string is a different id
    const auto result = sim::check_unique_ids(h.history());
    EXPECT_EQ(result.report.at("duplicated-count").as_int64(), 0);
    EXPECT_EQ(result.report.at("attempted-count").as_int64(), 2);
    EXPECT_EQ(result.report.at("acknowledged-count").as_int64(), 2);
}

TEST(UniqueIdsChecker, RejectsDuplicateId) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "generate", nullptr, 0);
    h.add(0, OpType::ok, "generate", boost::json::array{"n1", 4}, 1);
    h.add(1, OpType::invoke, "generate", nullptr, 2);
    h.add(1, OpType::ok, "generate", boost::json::array{"n1", 4}, 3);
    const auto result = sim::check_unique_ids(h.history());
    EXPECT_EQ(result.valid, Validity::invalid);
    EXPECT_EQ(result.report.at("duplicated-count").as_int64(), 1);
}

TEST(UniqueIdsChecker, ComparableIdsGiveRange) {
    HistoryBuilder h;
    for (int i = 0; i < 3; ++i) {
        h.add(0, OpType::invoke, "generate", nullptr, 2 * i);
        h.add(0, OpType::ok, "generate", 10 - i, 2 * i + 1);
    }
    const auto result = sim::check_unique_ids(h.history());
    EXPECT_EQ(result.valid, Validity::valid);
    EXPECT_EQ(result.report.at("range"), (boost::json::array{8, 10}));
}

// add x at 0-1 ms; read at 2-3 ms containing x; final read at 10-11 ms.
TEST(SetFullChecker, StableElementWithoutStaleness) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "broadcast", 7, 0);
    h.add(0, OpType::ok, "broadcast", 7, 1);
    h.add(1, OpType::invoke, "read", nullptr, 2);
    h.add(1, OpType::ok, "read", boost::json::array{7}, 3);
    const auto result = sim::check_set_full(h.history(), "broadcast");
    EXPECT_EQ(result.valid, Validity::valid);
    EXPECT_EQ(result.report.at("stable-count").as_int64(), 1);
    EXPECT_EQ(result.report.at("stale-count").as_int64(), 0);
    EXPECT_EQ(result.report.at("stable-latencies").at("1").as_int64(), 0);
}

TEST(SetFullChecker, StaleElementHasStableLatency) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "broadcast", 7, 0);
    h.add(0, OpType::ok, "broadcast", 7, 1);
    h.add(1, OpType::invoke, "read", nullptr, 200);  // absent, invoked 199 ms after known
    h.add(1, OpType::ok, "read", boost::json::array{}, 201);
    h.add(1, OpType::invoke, "read", nullptr, 300);
    h.add(1, OpType::ok, "read", boost::json::array{7}, 301);
    const auto result = sim::check_set_full(h.history(), "broadcast");
    EXPECT_EQ(result.valid, Validity::valid);
    EXPECT_EQ(result.report.at("stale-count").as_int64(), 1);
    EXPECT_EQ(result.report.at("stable-latencies").at("1").as_int64(), 199);
}

TEST(SetFullChecker, LostBroadcastIsInvalid) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "broadcast", 7, 0);
    h.add(0, OpType::ok, "broadcast", 7, 1);
    h.add(1, OpType::invoke, "read", nullptr, 2);
    h.add(1, OpType::ok, "read", boost::json::array{7}, 3);
    h.add(1, OpType::invoke, "read", nullptr, 10);  // the latest read lacks it
    h.add(1, OpType::ok, "read", boost::json::array{}, 11);
    const auto result = sim::check_set_full(h.history(), "broadcast");
    EXPECT_EQ(result.valid, Validity::invalid);
    EXPECT_EQ(result.report.at("lost-count").as_int64(), 1);
    EXPECT_EQ(result.report.at("lost"), (boost::json::array{7}));
}

TEST(SetFullChecker, NothingStableIsUnknown) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "add", 7, 0);
    h.add(0, OpType::info, "add", 7, 5000);
    const auto result = sim::check_set_full(h.history(), "add");
    EXPECT_EQ(result.valid, Validity::unknown);
    EXPECT_EQ(result.report.at("never-read-count").as_int64(), 1);
}

// Elements are told apart by their JSON text: equal integers of either kind are one element,
// other values are matched by their text, and read values nobody added are ignored.
TEST(SetFullChecker, MatchesElementsByTheirJsonText) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "add", std::uint64_t{7}, 0);
    h.add(0, OpType::ok, "add", std::uint64_t{7}, 1);
    h.add(0, OpType::invoke, "add", "x", 2);
    h.add(0, OpType::ok, "add", "x", 3);
    h.add(0, OpType::invoke, "add", 1.5, 4);
    h.add(0, OpType::ok, "add", 1.5, 5);
    h.add(1, OpType::invoke, "read", nullptr, 10);
    h.add(1, OpType::ok, "read", boost::json::array{std::int64_t{7}, "x", 99, "1.5"}, 11);
    const auto result = sim::check_set_full(h.history(), "add");
    EXPECT_EQ(result.valid, Validity::invalid);
    EXPECT_EQ(result.report.at("attempt-count").as_int64(), 3);
    EXPECT_EQ(result.report.at("stable-count").as_int64(), 2);
    EXPECT_EQ(result.report.at("lost"), (boost::json::array{1.5}));
}

TEST(CounterChecker, AcceptsExactTotal) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "add", 3, 0);
    h.add(0, OpType::ok, "add", 3, 1);
    h.add(0, OpType::invoke, "add", -1, 2);
    h.add(0, OpType::ok, "add", -1, 3);
    h.add(0, OpType::invoke, "read", nullptr, 4, true);
    h.add(0, OpType::ok, "read", 2, 5, true);
    EXPECT_EQ(sim::check_counter(h.history()).valid, Validity::valid);
}

TEST(CounterChecker, InfoAddsMayOrMayNotCount) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "add", 3, 0);
    h.add(0, OpType::ok, "add", 3, 1);
    h.add(0, OpType::invoke, "add", 4, 2);
    h.add(0, OpType::info, "add", 4, 3);
    h.add(1, OpType::invoke, "read", nullptr, 4, true);
    h.add(1, OpType::ok, "read", 7, 5, true);
    h.add(2, OpType::invoke, "read", nullptr, 4, true);
    h.add(2, OpType::ok, "read", 3, 5, true);
    const auto result = sim::check_counter(h.history());
    EXPECT_EQ(result.valid, Validity::valid);
    EXPECT_EQ(result.report.at("acceptable"), (boost::json::array{{3, 3}, {7, 7}}));
}

TEST(CounterChecker, RejectsFinalReadOutOfRange) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "add", 3, 0);
    h.add(0, OpType::ok, "add", 3, 1);
    h.add(0, OpType::invoke, "read", nullptr, 2, true);
    h.add(0, OpType::ok, "read", 2, 3, true);
    EXPECT_EQ(sim::check_counter(h.history()).valid, Validity::invalid);
}

TEST(CounterChecker, IgnoresNonFinalReads) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "add", 3, 0);
    h.add(0, OpType::ok, "add", 3, 1);
    h.add(0, OpType::invoke, "read", nullptr, 2);
    h.add(0, OpType::ok, "read", 0, 3);
    EXPECT_EQ(sim::check_counter(h.history()).valid, Validity::valid);
}

TEST(StatsChecker, InvalidWhenAnFunctionNeverSucceeds) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "read", nullptr, 0);
    h.add(0, OpType::ok, "read", 1, 1);
    h.add(0, OpType::invoke, "add", 1, 2);
    h.add(0, OpType::fail, "add", 1, 3);
    EXPECT_EQ(sim::check_stats(h.history()).valid, Validity::invalid);
}

TEST(StatsChecker, ValidWhenEveryFunctionSucceedsOnce) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "read", nullptr, 0);
    h.add(0, OpType::ok, "read", 1, 1);
    EXPECT_EQ(sim::check_stats(h.history()).valid, Validity::valid);
}

TEST(AvailabilityChecker, TotalNeedsEveryOpOk) {
    HistoryBuilder h;
    h.add(0, OpType::invoke, "read", nullptr, 0);
    h.add(0, OpType::ok, "read", 1, 1);
    h.add(0, OpType::invoke, "read", nullptr, 2);
    h.add(0, OpType::info, "read", nullptr, 3);
    EXPECT_EQ(sim::check_availability(h.history(), 1.0).valid, Validity::invalid);
    EXPECT_EQ(sim::check_availability(h.history(), 0.5).valid, Validity::valid);
    EXPECT_EQ(sim::check_availability(h.history(), std::nullopt).valid, Validity::valid);
}

}  // namespace
