#include "workloads/kafka_client.hpp"

#include <gtest/gtest.h>

namespace sim {
namespace {

namespace json = boost::json;

Op invocation(const std::string& f, const std::string& value, bool final = false) {
    Op op;
    op.f = f;
    op.value = json::parse(value);
    op.final = final;
    return op;
}

json::object reply(const std::string& text) {
    return json::parse(text).as_object();
}

TEST(KafkaClient, SendRecordsOffsetWithMessage) {
    KafkaClient client;
    const auto send = invocation("send", R"([["send","3",7]])");
    const auto request = std::get<json::object>(client.request(send));
    EXPECT_EQ(request, json::parse(R"({"type":"send","key":"3","msg":7})"));
    const auto done =
        client.on_reply(send, reply(R"({"type":"send_ok","in_reply_to":1,"offset":12})"));
    EXPECT_EQ(done.type, OpType::ok);
    EXPECT_EQ(done.value, json::parse(R"([["send","3",[12,7]]])"));
}

TEST(KafkaClient, PollCommitsWhatItReadBeforeCompleting) {
    KafkaClient client;
    const auto poll = invocation("poll", R"([["poll"]])");
    EXPECT_EQ(std::get<json::object>(client.request(poll)),
              json::parse(R"({"type":"poll","offsets":{}})"));
    const auto first = client.on_reply(
        poll, reply(R"({"type":"poll_ok","in_reply_to":1,"msgs":{"3":[[4,1],[6,2]]}})"));
    ASSERT_TRUE(first.follow_up.has_value());
    EXPECT_EQ(*first.follow_up, json::parse(R"({"type":"commit_offsets","offsets":{"3":6}})"));
    const auto done =
        client.on_reply(poll, reply(R"({"type":"commit_offsets_ok","in_reply_to":2})"));
    EXPECT_FALSE(done.follow_up.has_value());
    EXPECT_EQ(done.value, json::parse(R"([["poll",{"3":[[4,1],[6,2]]}]])"));
    EXPECT_EQ(client.offsets().at("3"), 7);
    // The next poll continues after the highest offset read.
    EXPECT_EQ(std::get<json::object>(client.request(poll)),
              json::parse(R"({"type":"poll","offsets":{"3":7}})"));
}

TEST(KafkaClient, EmptyPollCompletesWithoutCommit) {
    KafkaClient client;
    const auto poll = invocation("poll", R"([["poll"]])");
    client.request(poll);
    const auto done =
        client.on_reply(poll, reply(R"({"type":"poll_ok","in_reply_to":1,"msgs":{}})"));
    EXPECT_FALSE(done.follow_up.has_value());
    EXPECT_EQ(done.value, json::parse(R"([["poll",{}]])"));
}

TEST(KafkaClient, AssignResumesAtCommittedOffsetsAndKeepsTrackedKeys) {
    KafkaClient client;
    const auto first = invocation("assign", R"(["1"])");
    EXPECT_EQ(std::get<json::object>(client.request(first)),
              json::parse(R"({"type":"list_committed_offsets","keys":["1"]})"));
    client.on_reply(
        first, reply(R"({"type":"list_committed_offsets_ok","in_reply_to":1,"offsets":{"1":5}})"));
    EXPECT_EQ(client.offsets().at("1"), 5);
    const auto second = invocation("assign", R"(["1","2","3"])");
    client.request(second);
    const auto done = client.on_reply(
        second,
        reply(R"({"type":"list_committed_offsets_ok","in_reply_to":2,"offsets":{"1":9,"2":3}})"));
    EXPECT_EQ(done.value, json::parse(R"({"keys":["1","2","3"],"committed":{"1":9,"2":3}})"));
    EXPECT_EQ(client.offsets().at("1"), 5);  // already tracked: keeps its own position
    EXPECT_EQ(client.offsets().at("2"), 3);
    EXPECT_EQ(client.offsets().at("3"), 0);
}

TEST(KafkaClient, FinalAssignSeeksToTheBeginningWithoutRpc) {
    KafkaClient client;
    const auto assign = invocation("assign", R"(["1","2"])", true);
    const auto local = client.request(assign);
    ASSERT_TRUE(std::holds_alternative<Completion>(local));
    EXPECT_EQ(std::get<Completion>(local).type, OpType::ok);
    EXPECT_EQ(client.offsets().at("1"), 0);
    EXPECT_EQ(client.offsets().at("2"), 0);
}

TEST(KafkaClient, CrashCompletesIndefinitelyWithoutRpc) {
    KafkaClient client;
    const auto local = client.request(invocation("crash", "null"));
    ASSERT_TRUE(std::holds_alternative<Completion>(local));
    EXPECT_EQ(std::get<Completion>(local).type, OpType::info);
}

TEST(KafkaClient, RejectsMalformedPollReply) {
    KafkaClient client;
    const auto poll = invocation("poll", R"([["poll"]])");
    client.request(poll);
    EXPECT_THROW(
        client.on_reply(poll, reply(R"({"type":"poll_ok","in_reply_to":1,"msgs":{"1":[[1]]}})")),
        MalformedReply);
    EXPECT_THROW(
        client.on_reply(poll, reply(R"({"type":"poll_ok","in_reply_to":1,"msgs":{},"x":1})")),
        MalformedReply);
}

}  // namespace
}  // namespace sim
