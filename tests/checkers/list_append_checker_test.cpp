#include "checkers/list_append_checker.hpp"

#include <gtest/gtest.h>

#include "history_builder.hpp"

namespace sim {
namespace {

namespace json = boost::json;
using testing::HistoryBuilder;

CheckResult check(const HistoryBuilder& h, const std::string& model = "strict-serializable") {
    return check_txn_list_append(h.history(), {model});
}

bool reported(const CheckResult& r, const std::string& type) {
    if (!r.report.contains("anomaly-types")) {
        return false;
    }
    const auto& types = r.report.at("anomaly-types").as_array();
    return std::find(types.begin(), types.end(), json::value(type)) != types.end();
}

const json::object& first_case(const CheckResult& r, const std::string& type) {
    return r.report.at("anomalies").at(type).as_array().at(0).as_object();
}

TEST(ListAppendChecker, AcceptsSerialHistory) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["r",1,null],["append",1,1]])", R"([["r",1,null],["append",1,1]])");
    h.op(1, "txn", R"([["append",1,2],["append",2,1]])", R"([["append",1,2],["append",2,1]])");
    h.op(0, "txn", R"([["r",1,null],["r",2,null]])", R"([["r",1,[1,2]],["r",2,[1]]])");
    const auto r = check(h);
    EXPECT_EQ(r.valid, Validity::valid) << json::serialize(r.report);
    EXPECT_EQ(r.report, json::parse(R"({"valid?":true})"));
}

TEST(ListAppendChecker, ReportsAbortedReadAsG1a) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["append",1,1]])").fail(0, "txn", R"([["append",1,1]])");
    h.op(1, "txn", R"([["r",1,null]])", R"([["r",1,[1]]])");
    const auto r = check(h, "read-committed");
    EXPECT_EQ(r.valid, Validity::invalid);
    ASSERT_TRUE(reported(r, "G1a")) << json::serialize(r.report);
    EXPECT_EQ(first_case(r, "G1a").at("writer").at("index"), json::value(0));
    EXPECT_EQ(first_case(r, "G1a").at("element"), json::value(1));
    EXPECT_EQ(check(h, "read-uncommitted").valid, Validity::valid);
}

TEST(ListAppendChecker, ReportsIntermediateReadAsG1b) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["append",1,1],["append",1,2]])", R"([["append",1,1],["append",1,2]])");
    h.op(1, "txn", R"([["r",1,null]])", R"([["r",1,[1]]])");
    const auto r = check(h, "read-committed");
    EXPECT_EQ(r.valid, Validity::invalid);
    ASSERT_TRUE(reported(r, "G1b")) << json::serialize(r.report);
    EXPECT_EQ(first_case(r, "G1b").at("element"), json::value(1));
}

TEST(ListAppendChecker, ReportsReadDisagreeingWithOwnAppendAsInternal) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["r",1,null],["append",1,2],["r",1,null]])",
         R"([["r",1,[]],["append",1,2],["r",1,[]]])");
    const auto r = check(h, "read-atomic");
    EXPECT_EQ(r.valid, Validity::invalid);
    ASSERT_TRUE(reported(r, "internal")) << json::serialize(r.report);
    EXPECT_EQ(first_case(r, "internal").at("expected"), json::parse("[2]"));
    EXPECT_EQ(check(h, "read-committed").valid, Validity::valid);
}

TEST(ListAppendChecker, ChecksOnlyTheTailOfAnUnreadKeyAsInternal) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["append",1,1]])", R"([["append",1,1]])");
    h.op(0, "txn", R"([["append",1,2],["r",1,null]])", R"([["append",1,2],["r",1,[1,2]]])");
    EXPECT_EQ(check(h).valid, Validity::valid) << json::serialize(check(h).report);
    HistoryBuilder bad;
    bad.op(0, "txn", R"([["append",1,1]])", R"([["append",1,1]])");
    bad.op(0, "txn", R"([["append",1,2],["r",1,null]])", R"([["append",1,2],["r",1,[2,1]]])");
    const auto r = check(bad);
    ASSERT_TRUE(reported(r, "internal")) << json::serialize(r.report);
    EXPECT_EQ(first_case(r, "internal").at("expected"), json::parse(R"(["...",2])"));
}

// Elle compares a known list with a null read as unequal, and builds on []
// after a null read.
TEST(ListAppendChecker, TreatsNullReadsAsElleDoesForInternal) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["r",1,null],["r",1,null]])", R"([["r",1,[]],["r",1,null]])");
    const auto r = check(h, "read-atomic");
    EXPECT_TRUE(reported(r, "internal")) << json::serialize(r.report);
    HistoryBuilder fine;
    fine.op(0, "txn", R"([["r",1,null],["append",1,1],["r",1,null]])",
            R"([["r",1,null],["append",1,1],["r",1,[1]]])");
    EXPECT_EQ(check(fine).valid, Validity::valid) << json::serialize(check(fine).report);
}

TEST(ListAppendChecker, ReportsReadOfOwnLaterAppendAsFutureRead) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["r",1,null],["append",1,1]])", R"([["r",1,[1]],["append",1,1]])");
    const auto r = check(h, "read-committed");
    EXPECT_EQ(r.valid, Validity::invalid);
    ASSERT_TRUE(reported(r, "future-read")) << json::serialize(r.report);
    EXPECT_EQ(first_case(r, "future-read").at("element"), json::value(1));
}

TEST(ListAppendChecker, ReportsRepeatedElementAsDuplicateElements) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["append",1,1]])", R"([["append",1,1]])");
    h.op(1, "txn", R"([["r",1,null]])", R"([["r",1,[1,1]]])");
    const auto r = check(h, "read-uncommitted");
    EXPECT_EQ(r.valid, Validity::invalid);
    ASSERT_TRUE(reported(r, "duplicate-elements")) << json::serialize(r.report);
    EXPECT_EQ(first_case(r, "duplicate-elements").at("duplicates"), json::parse(R"({"1":2})"));
}

TEST(ListAppendChecker, ReportsDivergingReadsAsIncompatibleOrder) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["append",1,1]])").invoke(1, "txn", R"([["append",1,2]])");
    h.ok(0, "txn", R"([["append",1,1]])").ok(1, "txn", R"([["append",1,2]])");
    h.op(2, "txn", R"([["r",1,null]])", R"([["r",1,[1,2]]])");
    h.op(3, "txn", R"([["r",1,null]])", R"([["r",1,[2,1]]])");
    const auto r = check(h, "read-committed");
    EXPECT_EQ(r.valid, Validity::invalid);
    ASSERT_TRUE(reported(r, "incompatible-order")) << json::serialize(r.report);
    EXPECT_EQ(first_case(r, "incompatible-order").at("values").as_array().size(), 2u);
}

TEST(ListAppendChecker, ReportsCommittedAppendAfterFailedOneAsDirtyUpdate) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["append",1,1]])").fail(0, "txn", R"([["append",1,1]])");
    h.op(1, "txn", R"([["append",1,2]])", R"([["append",1,2]])");
    h.op(2, "txn", R"([["r",1,null]])", R"([["r",1,[1,2]]])");
    const auto r = check(h, "read-committed");
    EXPECT_EQ(r.valid, Validity::invalid);
    ASSERT_TRUE(reported(r, "dirty-update")) << json::serialize(r.report);
    EXPECT_EQ(first_case(r, "dirty-update").at("values"), json::parse("[1,2]"));
}

TEST(ListAppendChecker, ReportsTwoAppendsOnOneReadAsLostUpdate) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["r",1,null],["append",1,1]])");
    h.invoke(1, "txn", R"([["r",1,null],["append",1,2]])");
    h.ok(0, "txn", R"([["r",1,[]],["append",1,1]])");
    h.ok(1, "txn", R"([["r",1,[]],["append",1,2]])");
    h.op(2, "txn", R"([["r",1,null]])", R"([["r",1,[1,2]]])");
    const auto r = check(h, "cursor-stability");
    EXPECT_EQ(r.valid, Validity::invalid);
    ASSERT_TRUE(reported(r, "lost-update")) << json::serialize(r.report);
    EXPECT_EQ(first_case(r, "lost-update").at("txns").as_array().size(), 2u);
    EXPECT_EQ(check(h, "read-committed").valid, Validity::valid);
}

TEST(ListAppendChecker, ReportsElementNobodyAppendedAsGarbageRead) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["r",1,null]])", R"([["r",1,[7]]])");
    const auto r = check(h, "read-uncommitted");
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_TRUE(reported(r, "garbage-read")) << json::serialize(r.report);
}

// T1 and T2 append to x and y in opposite orders.
TEST(ListAppendChecker, ReportsWriteCycleAsG0) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["append",1,1],["append",2,1]])");
    h.invoke(1, "txn", R"([["append",1,2],["append",2,2]])");
    h.ok(0, "txn", R"([["append",1,1],["append",2,1]])");
    h.ok(1, "txn", R"([["append",1,2],["append",2,2]])");
    h.op(2, "txn", R"([["r",1,null],["r",2,null]])", R"([["r",1,[1,2]],["r",2,[2,1]]])");
    const auto r = check(h, "read-uncommitted");
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_TRUE(reported(r, "G0")) << json::serialize(r.report);
    // As in Elle, the kinds a G0 implies are not searched for in its component.
    const auto& found = r.report.at("anomalies").as_object();
    EXPECT_FALSE(found.contains("G1c")) << json::serialize(r.report);
    EXPECT_FALSE(found.contains("G0-realtime")) << json::serialize(r.report);
}

// Each txn reads the other's append.
TEST(ListAppendChecker, ReportsReadCycleAsG1c) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["append",1,1],["r",2,null]])");
    h.invoke(1, "txn", R"([["append",2,1],["r",1,null]])");
    h.ok(0, "txn", R"([["append",1,1],["r",2,[1]]])");
    h.ok(1, "txn", R"([["append",2,1],["r",1,[1]]])");
    const auto r = check(h, "read-committed");
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_TRUE(reported(r, "G1c")) << json::serialize(r.report);
    EXPECT_FALSE(reported(r, "G0"));
}

// T1 -wr(x)-> T2 -rw(y)-> T3 -wr(y)-> T1: one anti-dependency.
TEST(ListAppendChecker, ReportsCycleWithOneAntiDependencyAsGSingle) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["append",1,1],["r",2,null]])");
    h.invoke(1, "txn", R"([["r",1,null],["r",2,null]])");
    h.invoke(2, "txn", R"([["append",2,1]])");
    h.ok(0, "txn", R"([["append",1,1],["r",2,[1]]])");
    h.ok(1, "txn", R"([["r",1,[1]],["r",2,[]]])");
    h.ok(2, "txn", R"([["append",2,1]])");
    const auto r = check(h, "snapshot-isolation");
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_TRUE(reported(r, "G-single-item")) << json::serialize(r.report);
    EXPECT_EQ(check(h, "read-committed").valid, Validity::valid);
}

// Write skew: each reads the empty key the other appends to.
TEST(ListAppendChecker, ReportsTwoAntiDependenciesAsG2Item) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["r",1,null],["append",2,1]])");
    h.invoke(1, "txn", R"([["r",2,null],["append",1,1]])");
    h.ok(0, "txn", R"([["r",1,null],["append",2,1]])");
    h.ok(1, "txn", R"([["r",2,null],["append",1,1]])");
    const auto r = check(h, "serializable");
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_TRUE(reported(r, "G2-item")) << json::serialize(r.report);
    EXPECT_EQ(check(h, "snapshot-isolation").valid, Validity::valid);
}

// A read that begins after an append completed misses it.
TEST(ListAppendChecker, ReportsStaleReadAsRealtimeCycle) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["append",1,1]])", R"([["append",1,1]])");
    h.op(1, "txn", R"([["r",1,null]])", R"([["r",1,null]])");
    const auto r = check(h);
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_TRUE(reported(r, "G-single-item-realtime")) << json::serialize(r.report);
    EXPECT_EQ(check(h, "serializable").valid, Validity::valid);
}

// The process's own indeterminate append is missed by its next read.
TEST(ListAppendChecker, ReportsMissedOwnAppendAsProcessCycle) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["append",1,1]])").info(0, "txn", R"([["append",1,1]])");
    h.op(0, "txn", R"([["r",1,null]])", R"([["r",1,[]]])");
    h.op(1, "txn", R"([["r",1,null]])", R"([["r",1,[1]]])");
    const auto r = check(h, "strong-session-serializable");
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_TRUE(reported(r, "G-single-item-process")) << json::serialize(r.report);
}

TEST(ListAppendChecker, IsUnknownWithoutCommittedTxns) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["append",1,1]])").fail(0, "txn", R"([["append",1,1]])");
    const auto r = check(h);
    EXPECT_EQ(r.valid, Validity::unknown);
    EXPECT_TRUE(reported(r, "empty-transaction-graph")) << json::serialize(r.report);
}

TEST(ListAppendChecker, ReportsRepeatedAppendAsError) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["append",1,1]])", R"([["append",1,1]])");
    h.op(1, "txn", R"([["append",1,1]])", R"([["append",1,1]])");
    const auto r = check(h);
    EXPECT_NE(r.valid, Validity::valid);
    EXPECT_TRUE(r.report.at("errors").as_object().contains("duplicate-appends"));
}

}  // namespace
}  // namespace sim
