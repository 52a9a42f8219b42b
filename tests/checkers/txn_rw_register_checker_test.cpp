#include "checkers/txn_rw_register_checker.hpp"

#include <gtest/gtest.h>

#include "history_builder.hpp"

namespace sim {
namespace {

namespace json = boost::json;
using testing::HistoryBuilder;

CheckResult check(const HistoryBuilder& h, const std::string& model) {
    return check_txn_rw_register(h.history(), {model});
}

const json::object& first_case(const CheckResult& r, const std::string& type) {
    return r.report.at("anomalies").at(type).as_array().at(0).as_object();
}

bool reported(const CheckResult& r, const std::string& type) {
    if (!r.report.contains("anomaly-types")) {
        return false;
    }
    const auto& types = r.report.at("anomaly-types").as_array();
    return std::find(types.begin(), types.end(), json::value(type)) != types.end();
}

bool observed(const CheckResult& r, const std::string& type) {
    return r.report.contains("anomalies") && r.report.at("anomalies").as_object().contains(type);
}

// One txn after another: every read sees the latest write.
TEST(TxnRwRegisterChecker, AcceptsSerialHistory) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["r",1,null],["w",1,1]])", R"([["r",1,null],["w",1,1]])");
    h.op(1, "txn", R"([["r",1,null],["w",1,2],["w",2,1]])", R"([["r",1,1],["w",1,2],["w",2,1]])");
    h.op(0, "txn", R"([["r",1,null],["r",2,null]])", R"([["r",1,2],["r",2,1]])");
    const auto r = check(h, "strict-serializable");
    EXPECT_EQ(r.valid, Validity::valid) << json::serialize(r.report);
    EXPECT_EQ(r.report, json::parse(R"({"valid?":true})"));
}

TEST(TxnRwRegisterChecker, ReportsAbortedReadAsG1a) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["w",1,1]])").fail(0, "txn", R"([["w",1,1]])");
    h.op(1, "txn", R"([["r",1,null]])", R"([["r",1,1]])");
    const auto rc = check(h, "read-committed");
    EXPECT_EQ(rc.valid, Validity::invalid);
    EXPECT_TRUE(reported(rc, "G1a"));
    const auto& c = first_case(rc, "G1a");
    EXPECT_EQ(c.at("mop"), json::parse(R"(["r",1,1])"));
    EXPECT_EQ(c.at("writer").at("index"), json::value(0));
    EXPECT_EQ(c.at("op").at("index"), json::value(2));
    EXPECT_EQ(check(h, "read-uncommitted").valid, Validity::valid);
}

TEST(TxnRwRegisterChecker, ReportsIntermediateReadAsG1b) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["w",1,1],["w",1,2]])", R"([["w",1,1],["w",1,2]])");
    h.op(1, "txn", R"([["r",1,null]])", R"([["r",1,1]])");
    const auto r = check(h, "read-committed");
    EXPECT_EQ(r.valid, Validity::invalid);
    const auto& c = first_case(r, "G1b");
    EXPECT_EQ(c.at("mop"), json::parse(R"(["r",1,1])"));
    EXPECT_EQ(c.at("writer").at("index"), json::value(0));
    EXPECT_EQ(check(h, "read-uncommitted").valid, Validity::valid);
}

TEST(TxnRwRegisterChecker, ReportsInternalInconsistency) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["w",1,1]])", R"([["w",1,1]])");
    h.op(1, "txn", R"([["w",1,2],["r",1,null]])", R"([["w",1,2],["r",1,1]])");
    const auto ser = check(h, "serializable");
    EXPECT_EQ(ser.valid, Validity::invalid);
    const auto& c = first_case(ser, "internal");
    EXPECT_EQ(c.at("mop"), json::parse(R"(["r",1,1])"));
    EXPECT_EQ(c.at("expected"), json::value(2));
    // Read committed does not constrain a txn's view of its own writes.
    const auto rc = check(h, "read-committed");
    EXPECT_EQ(rc.valid, Validity::valid) << json::serialize(rc.report);
    EXPECT_TRUE(observed(rc, "internal"));
}

TEST(TxnRwRegisterChecker, ReportsReadOfValueNobodyWrote) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["r",1,null]])", R"([["r",1,99]])");
    const auto r = check(h, "read-uncommitted");
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_EQ(first_case(r, "garbage-read").at("mop"), json::parse(R"(["r",1,99])"));
}

// T1 installs x=1 before T2's x=2; T2 installs y=3 before T1's y=4.
TEST(TxnRwRegisterChecker, ReportsWriteCycleAsG0) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["w",1,1],["r",2,null],["w",2,4]])");
    h.invoke(1, "txn", R"([["w",2,3],["r",1,null],["w",1,2]])");
    h.ok(0, "txn", R"([["w",1,1],["r",2,3],["w",2,4]])");
    h.ok(1, "txn", R"([["w",2,3],["r",1,1],["w",1,2]])");
    const auto r = check(h, "read-uncommitted");
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_TRUE(reported(r, "G0"));
    const auto& c = first_case(r, "G0");
    EXPECT_EQ(c.at("cycle").as_array().size(), 2u);
    EXPECT_EQ(c.at("steps").at(0).at("type"), json::value("ww"));
    EXPECT_EQ(c.at("steps").at(1).at("type"), json::value("ww"));
}

// Each txn reads what the other wrote.
TEST(TxnRwRegisterChecker, ReportsCircularInformationFlowAsG1c) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["w",1,1],["r",2,null]])");
    h.invoke(1, "txn", R"([["w",2,1],["r",1,null]])");
    h.ok(0, "txn", R"([["w",1,1],["r",2,1]])");
    h.ok(1, "txn", R"([["w",2,1],["r",1,1]])");
    const auto rc = check(h, "read-committed");
    EXPECT_EQ(rc.valid, Validity::invalid);
    const auto& c = first_case(rc, "G1c");
    EXPECT_EQ(c.at("steps").at(0).at("type"), json::value("wr"));
    EXPECT_EQ(c.at("steps").at(1).at("type"), json::value("wr"));
    EXPECT_FALSE(observed(rc, "G0"));
    EXPECT_EQ(check(h, "read-uncommitted").valid, Validity::valid);
}

// Read skew: T2 sees T1's y but not T1's x.
TEST(TxnRwRegisterChecker, ReportsSingleAntiDependencyCycle) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["w",1,1],["w",2,1]])");
    h.invoke(1, "txn", R"([["r",1,null],["r",2,null]])");
    h.ok(0, "txn", R"([["w",1,1],["w",2,1]])");
    h.ok(1, "txn", R"([["r",1,null],["r",2,1]])");
    const auto ser = check(h, "serializable");
    EXPECT_EQ(ser.valid, Validity::invalid);
    const auto& c = first_case(ser, "G-single-item");
    EXPECT_EQ(c.at("cycle").as_array().size(), 2u);
    EXPECT_EQ(check(h, "read-committed").valid, Validity::valid);
}

// Write skew: each txn read null for the key the other one wrote.
TEST(TxnRwRegisterChecker, ReportsWriteSkewAsG2Item) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["r",1,null],["r",2,null],["w",1,1]])");
    h.invoke(1, "txn", R"([["r",1,null],["r",2,null],["w",2,1]])");
    h.ok(0, "txn", R"([["r",1,null],["r",2,null],["w",1,1]])");
    h.ok(1, "txn", R"([["r",1,null],["r",2,null],["w",2,1]])");
    const auto ser = check(h, "serializable");
    EXPECT_EQ(ser.valid, Validity::invalid);
    const auto& c = first_case(ser, "G2-item");
    EXPECT_EQ(c.at("steps").at(0).at("type"), json::value("rw"));
    EXPECT_EQ(c.at("steps").at(1).at("type"), json::value("rw"));
    EXPECT_EQ(check(h, "snapshot-isolation").valid, Validity::valid);
}

TEST(TxnRwRegisterChecker, ReportsLostUpdate) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["r",1,null],["w",1,1]])");
    h.invoke(1, "txn", R"([["r",1,null],["w",1,2]])");
    h.ok(0, "txn", R"([["r",1,null],["w",1,1]])");
    h.ok(1, "txn", R"([["r",1,null],["w",1,2]])");
    const auto cs = check(h, "cursor-stability");
    EXPECT_EQ(cs.valid, Validity::invalid);
    const auto& c = first_case(cs, "lost-update");
    EXPECT_EQ(c.at("key"), json::value(1));
    EXPECT_EQ(c.at("value"), nullptr);
    EXPECT_EQ(c.at("txns").as_array().size(), 2u);
    EXPECT_EQ(check(h, "read-committed").valid, Validity::valid);
}

// A stale read: T2 began after T1 committed x=1 but read null.
TEST(TxnRwRegisterChecker, ReportsStaleReadUnderStrictSerializability) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["w",1,1]])", R"([["w",1,1]])");
    h.op(1, "txn", R"([["r",1,null]])", R"([["r",1,null]])");
    const auto strict = check(h, "strict-serializable");
    EXPECT_EQ(strict.valid, Validity::invalid);
    EXPECT_TRUE(reported(strict, "G-single-item-realtime"));
    EXPECT_EQ(check(h, "serializable").valid, Validity::valid);
}

TEST(TxnRwRegisterChecker, ReportsProcessOrderViolation) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["w",1,1]])", R"([["w",1,1]])");
    h.invoke(1, "txn", R"([["w",1,2]])");
    h.op(0, "txn", R"([["r",1,null]])", R"([["r",1,null]])");
    h.ok(1, "txn", R"([["w",1,2]])");
    const auto strict = check(h, "strong-session-serializable");
    EXPECT_EQ(strict.valid, Validity::invalid);
    EXPECT_TRUE(reported(strict, "G-single-item-process"));
}

TEST(TxnRwRegisterChecker, ReportsCyclicVersionOrder) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["r",1,null],["w",1,1]])");
    h.invoke(1, "txn", R"([["r",1,null],["w",1,2]])");
    h.invoke(2, "txn", R"([["r",1,null],["w",1,3]])");
    h.ok(0, "txn", R"([["r",1,3],["w",1,1]])");
    h.ok(1, "txn", R"([["r",1,1],["w",1,2]])");
    h.ok(2, "txn", R"([["r",1,2],["w",1,3]])");
    const auto r = check(h, "read-uncommitted");
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_EQ(first_case(r, "cyclic-versions").at("scc").as_array().size(), 3u);
}

TEST(TxnRwRegisterChecker, HistoryWithoutCommittedTxnsIsInvalid) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["w",1,1]])").fail(0, "txn", R"([["w",1,1]])");
    const auto r = check(h, "read-uncommitted");
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_TRUE(reported(r, "empty-transaction-graph"));
}

TEST(TxnRwRegisterChecker, IndefiniteTxnsMayHaveCommitted) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["w",1,1],["r",2,null]])").info(0, "txn", R"([["w",1,1],["r",2,null]])");
    h.op(1, "txn", R"([["r",1,null]])", R"([["r",1,1]])");
    const auto r = check(h, "strict-serializable");
    EXPECT_EQ(r.valid, Validity::valid) << json::serialize(r.report);
}

TEST(TxnRwRegisterChecker, UnknownModelGivesUnknownVerdict) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["w",1,1]])", R"([["w",1,1]])");
    const auto r = check(h, "read-committed,serializable");
    EXPECT_EQ(r.valid, Validity::unknown);
    EXPECT_EQ(r.report.at("unknown-consistency-models"),
              json::parse(R"(["read-committed,serializable"])"));
}

TEST(TxnRwRegisterChecker, MalformedTxnsAreReportedWithoutCrashing) {
    HistoryBuilder h;
    h.op(0, "txn", R"([["w",1,1]])", R"([["w",1,1]])");
    h.op(1, "txn", R"([["r",1,null]])", R"([["x",1,1]])");
    h.op(1, "txn", R"([["r",1,null]])", R"({"not":"a txn"})");
    h.op(1, "txn", R"([["r",1,null]])", R"([["r",1]])");
    const auto r = check(h, "strict-serializable");
    EXPECT_EQ(r.valid, Validity::unknown);
    EXPECT_EQ(r.report.at("errors").at("malformed-op").at("count"), json::value(3));
}

TEST(TxnRwRegisterChecker, RuledOutModelsNameTheWeakestFirst) {
    HistoryBuilder h;
    h.invoke(0, "txn", R"([["w",1,1]])").fail(0, "txn", R"([["w",1,1]])");
    h.op(1, "txn", R"([["r",1,null]])", R"([["r",1,1]])");
    const auto r = check(h, "read-committed");
    const auto& weakest = r.report.at("not").as_array();
    EXPECT_NE(std::find(weakest.begin(), weakest.end(), json::value("read-committed")),
              weakest.end());
    const auto& stronger = r.report.at("also-not").as_array();
    EXPECT_NE(std::find(stronger.begin(), stronger.end(), json::value("serializable")),
              stronger.end());
}

}  // namespace
}  // namespace sim
