// Request fields read with get / get_or / body_as: a client's mistake is error
// 12 naming the field and the type expected, never Boost's internal text.
#include <gtest/gtest.h>

#include <maelstrom/message.hpp>
#include <optional>

namespace maelstrom {
namespace {

struct Transfer {
    std::string account;
    std::int64_t amount = 0;
    std::optional<std::string> memo;
};
BOOST_DESCRIBE_STRUCT(Transfer, (), (account, amount, memo))

Message request_with(json::object body) {
    body["type"] = "transfer";
    body["msg_id"] = 7;
    return Message{"c1", "n0", std::move(body)};
}

// The rpc_error a call throws, so that a test can look at its code and text.
template <class F>
rpc_error error_from(F&& call) {
    try {
        call();
    } catch (const rpc_error& error) {
        return error;
    }
    ADD_FAILURE() << "no rpc_error thrown";
    return rpc_error(error_code::crash, "none");
}

TEST(Field, GetConvertsAndKeepsSixtyFourBitIntegers) {
    const auto request = request_with({{"amount", 9007199254740993}, {"account", "a"}});
    EXPECT_EQ(request.get<std::int64_t>("amount"), 9007199254740993);
    EXPECT_EQ(request.get<std::string>("account"), "a");
    EXPECT_EQ(request.get("account"), json::value("a"));
}

TEST(Field, AMissingFieldIsAMalformedRequestNamingIt) {
    const auto request = request_with({{"account", "a"}});
    const auto error = error_from([&] { (void)request.get<std::int64_t>("amount"); });
    EXPECT_EQ(error.code(), error_code::malformed_request);
    EXPECT_TRUE(error.definite());
    EXPECT_EQ(error.text(), "request has no field \"amount\" (an integer expected)");
}

TEST(Field, AMistypedFieldNamesTheFieldTheTypeAndWhatCame) {
    const auto request = request_with({{"amount", "5"}});
    const auto error = error_from([&] { (void)request.get<std::int64_t>("amount"); });
    EXPECT_EQ(error.code(), error_code::malformed_request);
    EXPECT_NE(error.text().find("field \"amount\" must be an integer, not the string \"5\""),
              std::string::npos)
        << error.text();
    EXPECT_EQ(error.text().find("boost"), std::string::npos) << error.text();
    EXPECT_EQ(error.text().find(".hpp"), std::string::npos) << error.text();
}

TEST(Field, GetOrFallsBackOnlyWhenTheFieldIsMissing) {
    const auto request = request_with({{"amount", 3}, {"memo", json::value(nullptr)}});
    EXPECT_EQ(request.get_or<std::int64_t>("amount", 0), 3);
    EXPECT_EQ(request.get_or<std::int64_t>("fee", 1), 1);
    EXPECT_EQ(request.get_or<std::string>("memo", "none"), "none");
    EXPECT_EQ(error_from([&] { (void)request.get_or<std::string>("amount", ""); }).code(),
              error_code::malformed_request);
}

TEST(Field, BodyAsNamesTheMemberThatIsMissingOrMistyped) {
    const auto missing = error_from([&] {
        (void)request_with({{"amount", 1}}).body_as<Transfer>();
    });
    EXPECT_EQ(missing.code(), error_code::malformed_request);
    EXPECT_EQ(missing.text(), "request has no field \"account\" (a string expected)");

    const auto mistyped = error_from([&] {
        (void)request_with({{"account", "a"}, {"amount", 1.5}}).body_as<Transfer>();
    });
    EXPECT_EQ(mistyped.code(), error_code::malformed_request);
    EXPECT_NE(mistyped.text().find("field \"amount\" must be an integer, not the number 1.5"),
              std::string::npos)
        << mistyped.text();
}

TEST(Field, BodyAsLeavesOptionalMembersEmptyAndIgnoresProtocolKeys) {
    const auto transfer = request_with({{"account", "a"}, {"amount", 2}}).body_as<Transfer>();
    EXPECT_EQ(transfer.account, "a");
    EXPECT_EQ(transfer.amount, 2);
    EXPECT_FALSE(transfer.memo.has_value());
}

TEST(Field, ABodyOfTheWrongShapeIsAMalformedRequest) {
    const auto error = error_from([&] {
        (void)request_with({{"amount", 1}}).body_as<std::vector<int>>();
    });
    EXPECT_EQ(error.code(), error_code::malformed_request);
    EXPECT_NE(error.text().find("request body must be an array"), std::string::npos)
        << error.text();
}

}  // namespace
}  // namespace maelstrom
