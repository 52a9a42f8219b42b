#include <gtest/gtest.h>

#include <cstdint>
#include <maelstrom/message.hpp>

namespace maelstrom {
namespace {

struct Point {
    std::int64_t x = 0;
    std::string label;
};
BOOST_DESCRIBE_STRUCT(Point, (), (x, label))

TEST(Message, TypedAccessors) {
    Message message{"c1", "n0", {{"type", "echo"}, {"msg_id", 7}, {"in_reply_to", 3}}};
    EXPECT_EQ(message.type(), "echo");
    EXPECT_EQ(message.msg_id(), 7);
    EXPECT_EQ(message.in_reply_to(), 3);
    EXPECT_TRUE(message.from_client());
}

TEST(Message, MissingOrMistypedFieldsAreEmpty) {
    Message message{"n1", "n0", {{"type", 5}, {"msg_id", "seven"}}};
    EXPECT_EQ(message.type(), "");
    EXPECT_FALSE(message.msg_id().has_value());
    EXPECT_FALSE(message.in_reply_to().has_value());
    EXPECT_FALSE(message.from_client());
}

TEST(Message, DescribedStructsConvertBothWays) {
    json::object body = make_body(Point{9007199254740993, "p"});
    EXPECT_EQ(body.at("x").as_int64(), 9007199254740993);
    Message message{"a", "b", body};
    const auto point = message.body_as<Point>();
    EXPECT_EQ(point.x, 9007199254740993);
    EXPECT_EQ(point.label, "p");
}

TEST(Message, DescribedBodyIgnoresProtocolKeys) {
    Message message{"c1", "n0", {{"type", "add"}, {"msg_id", 4}, {"x", 12}, {"label", "q"}}};
    const auto point = message.body_as<Point>();
    EXPECT_EQ(point.x, 12);
    EXPECT_EQ(point.label, "q");
    Message incomplete{"c1", "n0", {{"type", "add"}, {"x", 12}}};
    EXPECT_THROW((void)incomplete.body_as<Point>(), rpc_error);
}

TEST(Message, MakeBodyRejectsNonObjects) {
    EXPECT_THROW(make_body(42), std::invalid_argument);
}

TEST(Message, EnvelopeRoundTripKeepsFullIntegerPrecision) {
    const auto parsed = json::parse(
        R"({"id":4,"src":"c1","dest":"n0","body":{"type":"echo","n":9223372036854775807,"u":18446744073709551615}})");
    const auto message = json::value_to<Message>(parsed);
    EXPECT_EQ(message.body.at("n").as_int64(), INT64_MAX);
    EXPECT_EQ(message.body.at("u").as_uint64(), UINT64_MAX);
    const auto line = serialize(message);
    EXPECT_EQ(
        line,
        R"({"src":"c1","dest":"n0","body":{"type":"echo","n":9223372036854775807,"u":18446744073709551615}})");
}

TEST(Message, EnvelopeErrorsNameTheField) {
    try {
        (void)json::value_to<Message>(json::parse(R"({"src":"c1","body":{}})"));
        FAIL() << "no exception";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("dest"), std::string::npos);
    }
    EXPECT_THROW((void)json::value_to<Message>(json::parse(R"({"src":"c1","dest":"n","body":[]})")),
                 std::invalid_argument);
    EXPECT_THROW((void)json::value_to<Message>(json::parse(R"({"src":1,"dest":"n","body":{}})")),
                 std::invalid_argument);
}

}  // namespace
}  // namespace maelstrom
