#include "checkers/kafka_checker.hpp"

#include <gtest/gtest.h>

#include "history_builder.hpp"

namespace sim {
namespace {

namespace json = boost::json;
using testing::HistoryBuilder;

// Sends messages 1, 2, 3 of key "1" at offsets 0, 1, 2 from process 0.
HistoryBuilder three_sends() {
    HistoryBuilder h;
    h.op(0, "send", R"([["send","1",1]])", R"([["send","1",[0,1]]])");
    h.op(0, "send", R"([["send","1",2]])", R"([["send","1",[1,2]]])");
    h.op(0, "send", R"([["send","1",3]])", R"([["send","1",[2,3]]])");
    return h;
}

const json::object& first_error(const CheckResult& r, const std::string& type) {
    return r.report.at(type).at("errs").as_array().at(0).as_object();
}

bool has_type(const CheckResult& r, const std::string& type) {
    const auto& types = r.report.at("error-types").as_array();
    return std::find(types.begin(), types.end(), json::value(type)) != types.end();
}

TEST(KafkaChecker, AcceptsConsistentHistory) {
    auto h = three_sends();
    h.op(1, "assign", R"(["1"])", R"({"keys":["1"],"committed":{}})");
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1],[1,2]]}]])");
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[2,3]]}]])");
    h.op(2, "assign", R"(["1"])", R"({"keys":["1"],"committed":{"1":2}})");
    h.op(2, "poll", R"([["poll"]])", R"([["poll",{"1":[[2,3]]}]])");
    h.invoke(3, "crash", "null").info(3, "crash", "null");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::valid) << json::serialize(r.report);
    EXPECT_EQ(r.report.at("valid?"), json::value(true));
    EXPECT_TRUE(r.report.at("error-types").as_array().empty());
}

TEST(KafkaChecker, ReportsInconsistentOffsets) {
    HistoryBuilder h;
    h.op(0, "send", R"([["send","1",1]])", R"([["send","1",[0,1]]])");
    h.op(1, "send", R"([["send","1",2]])", R"([["send","1",[0,2]]])");
    h.op(2, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1]]}]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::invalid);
    const auto& e = first_error(r, "inconsistent-offsets");
    EXPECT_EQ(e.at("key"), json::value("1"));
    EXPECT_EQ(e.at("offset"), json::value(0));
    EXPECT_EQ(e.at("values"), json::parse("[1,2]"));
    EXPECT_EQ(r.report.at("inconsistent-offsets").at("count"), json::value(1));
}

TEST(KafkaChecker, ReportsDuplicateMessage) {
    auto h = three_sends();
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1],[1,2],[2,3],[3,1]]}]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::invalid);
    const auto& e = first_error(r, "duplicate");
    EXPECT_EQ(e.at("value"), json::value(1));
    EXPECT_EQ(e.at("offsets"), json::parse("[0,3]"));
}

TEST(KafkaChecker, ReportsLostWriteBelowHighestRead) {
    auto h = three_sends();
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1]]}]])");
    h.op(2, "poll", R"([["poll"]])", R"([["poll",{"1":[[2,3]]}]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::invalid);
    const auto& e = first_error(r, "lost-write");
    EXPECT_EQ(e.at("value"), json::value(2));
    EXPECT_EQ(e.at("offset"), json::value(1));
    EXPECT_EQ(e.at("max-read-index"), json::value(2));
    EXPECT_FALSE(has_type(r, "poll-skip"));
    EXPECT_EQ(r.report.at("unseen").at("messages").at("1"), json::parse("[2]"));
}

TEST(KafkaChecker, UnpolledTailIsUnseenButNotLost) {
    auto h = three_sends();
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1],[1,2]]}]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_FALSE(has_type(r, "lost-write"));
    EXPECT_TRUE(has_type(r, "unseen"));
    EXPECT_EQ(r.report.at("unseen").at("unseen").at("1"), json::value(1));
    EXPECT_EQ(r.report.at("unseen").at("messages").at("1"), json::parse("[3]"));
}

TEST(KafkaChecker, ReportsReadOfFailedSendAsG1a) {
    HistoryBuilder h;
    h.invoke(0, "send", R"([["send","1",5]])").fail(0, "send", R"([["send","1",5]])");
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,5]]}]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::invalid);
    const auto& e = first_error(r, "G1a");
    EXPECT_EQ(e.at("value"), json::value(5));
    EXPECT_EQ(e.at("writer"), json::value(0));
    EXPECT_EQ(e.at("op"), json::value(2));
}

TEST(KafkaChecker, ReportsPollSkipAcrossPollsOfOneProcess) {
    auto h = three_sends();
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1]]}]])");
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[2,3]]}]])");
    h.op(2, "poll", R"([["poll"]])", R"([["poll",{"1":[[1,2]]}]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::invalid);
    const auto& e = first_error(r, "poll-skip");
    EXPECT_EQ(e.at("process"), json::value(1));
    EXPECT_EQ(e.at("previous-index"), json::value(0));
    EXPECT_EQ(e.at("index"), json::value(2));
    EXPECT_FALSE(has_type(r, "lost-write"));
}

TEST(KafkaChecker, ReportsNonmonotonicPoll) {
    auto h = three_sends();
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1],[1,2],[2,3]]}]])");
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[1,2]]}]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::invalid);
    const auto& e = first_error(r, "nonmonotonic-poll");
    EXPECT_EQ(e.at("delta"), json::value(-1));
    EXPECT_EQ(e.at("ops"), json::parse("[6,8]"));
}

TEST(KafkaChecker, AssignThatDropsKeyResetsPollTracking) {
    auto h = three_sends();
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1],[1,2],[2,3]]}]])");
    h.op(1, "assign", R"(["2"])", R"(["2"])");
    h.op(1, "assign", R"(["1"])", R"(["1"])");
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[1,2],[2,3]]}]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::valid) << json::serialize(r.report);
}

TEST(KafkaChecker, ReportsGapsAndReorderingInsideOnePoll) {
    auto h = three_sends();
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1],[2,3]]}]])");
    h.op(2, "poll", R"([["poll"]])", R"([["poll",{"1":[[1,2],[0,1]]}]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::invalid);
    const auto& skip = first_error(r, "int-poll-skip");
    EXPECT_EQ(skip.at("values"), json::parse("[1,3]"));
    EXPECT_EQ(skip.at("skipped"), json::parse("[2]"));
    const auto& back = first_error(r, "int-nonmonotonic-poll");
    EXPECT_EQ(back.at("values"), json::parse("[2,1]"));
}

TEST(KafkaChecker, ReportsNonmonotonicSendOfOneProcess) {
    HistoryBuilder h;
    h.op(0, "send", R"([["send","1",1]])", R"([["send","1",[5,1]]])");
    h.op(0, "send", R"([["send","1",2]])", R"([["send","1",[3,2]]])");
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[3,2],[5,1]]}]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::invalid);
    const auto& e = first_error(r, "nonmonotonic-send");
    EXPECT_EQ(e.at("index"), json::value(0));
    EXPECT_EQ(e.at("previous-index"), json::value(1));
}

TEST(KafkaChecker, SkipBetweenSendsOfOneOpIsReportedButAllowed) {
    HistoryBuilder h;
    h.op(1, "send", R"([["send","1",9]])", R"([["send","1",[1,9]]])");
    h.op(0, "send", R"([["send","1",1],["send","1",2]])",
         R"([["send","1",[0,1]],["send","1",[2,2]]])");
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1],[1,9],[2,2]]}]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::valid) << json::serialize(r.report);
    EXPECT_TRUE(has_type(r, "int-send-skip"));
    EXPECT_TRUE(r.report.at("bad-error-types").as_array().empty());
}

TEST(KafkaChecker, ReportsPollOfOwnSendInOneOp) {
    HistoryBuilder h;
    h.op(0, "send", R"([["send","1",1],["poll"]])",
         R"([["send","1",[0,1]],["poll",{"1":[[0,1]]}]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::invalid);
    EXPECT_EQ(first_error(r, "precommitted-read").at("value"), json::value(1));
}

TEST(KafkaChecker, ReportsCommittedOffsetNeverPolled) {
    auto h = three_sends();
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1],[1,2],[2,3]]}]])");
    h.op(2, "assign", R"(["1"])", R"({"keys":["1"],"committed":{"1":7}})");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::invalid);
    const auto& e = first_error(r, "unpolled-committed-offset");
    EXPECT_EQ(e.at("offset"), json::value(7));
    EXPECT_EQ(e.at("key"), json::value("1"));
}

TEST(KafkaChecker, ReportsCommittedOffsetGoingBackwards) {
    auto h = three_sends();
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1],[1,2],[2,3]]}]])");
    h.op(2, "assign", R"(["1"])", R"({"keys":["1"],"committed":{"1":2}})");
    h.op(3, "assign", R"(["1"])", R"({"keys":["1"],"committed":{"1":0}})");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::invalid);
    const auto& e = first_error(r, "nonmonotonic-committed-offset");
    EXPECT_EQ(e.at("previous-offset"), json::value(2));
    EXPECT_EQ(e.at("offset"), json::value(0));
}

TEST(KafkaChecker, ConcurrentCommittedOffsetReadsAreNotOrdered) {
    auto h = three_sends();
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1],[1,2],[2,3]]}]])");
    h.invoke(2, "assign", R"(["1"])").invoke(3, "assign", R"(["1"])");
    h.ok(2, "assign", R"({"keys":["1"],"committed":{"1":2}})");
    h.ok(3, "assign", R"({"keys":["1"],"committed":{"1":0}})");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::valid) << json::serialize(r.report);
}

TEST(KafkaChecker, MalformedOpsMakeVerdictUnknownWithoutCrashing) {
    auto h = three_sends();
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1],[1,2],[2,3]]}]])");
    h.op(2, "poll", R"([["poll"]])", R"("garbage")");
    h.op(2, "send", R"([["send","1",4]])", R"([["send","1","no-offset"]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::unknown);
    EXPECT_EQ(r.report.at("malformed-ops").at("count"), json::value(2));
}

TEST(KafkaChecker, RecordsCausesOfIndefiniteOps) {
    auto h = three_sends();
    h.op(1, "poll", R"([["poll"]])", R"([["poll",{"1":[[0,1],[1,2],[2,3]]}]])");
    h.invoke(2, "send", R"([["send","1",4]])").info(2, "send", R"([["send","1",4]])");
    const auto r = check_kafka(h.history());
    EXPECT_EQ(r.valid, Validity::valid) << json::serialize(r.report);
    EXPECT_EQ(r.report.at("info-txn-causes"), json::parse(R"(["net-timeout"])"));
}

}  // namespace
}  // namespace sim
