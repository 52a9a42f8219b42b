// While it builds a body, the line parser notes its type, msg_id and in_reply_to, so routing
// need not look them up again. Whenever it calls those notes exact they must read as the
// Message accessors do, however the line arrives; when it cannot be sure it must say so.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "feed_in_pieces.hpp"
#include "line_parser.hpp"

namespace {

using maelstrom::Message;
using maelstrom::detail::BodyFacts;
using maelstrom::detail::LineParser;
using maelstrom::detail::MalformedEnvelope;

struct Seen {
    BodyFacts facts;
    std::string type;
    std::optional<std::int64_t> msg_id;
    std::optional<std::int64_t> in_reply_to;
};

// Parses `input` in pieces of `piece` bytes and returns, per message, the parser's facts and
// what the Message accessors say.
std::vector<Seen> parse(const std::string& input, std::size_t piece) {
    std::vector<Seen> seen;
    LineParser* self = nullptr;
    LineParser parser(
        64,
        [&](Message&& message, std::size_t) {
            seen.push_back(Seen{self->facts(), std::string(message.type()), message.msg_id(),
                                message.in_reply_to()});
        },
        [](MalformedEnvelope&&, std::size_t) {}, [](const std::string&, std::size_t) {});
    self = &parser;
    maelstrom::testing::feed_in_pieces(parser, input, piece);
    return seen;
}

std::string line(const std::string& body) {
    return R"({"src":"c1","dest":"n0","body":)" + body + "}\n";
}

const std::string kLongType(BodyFacts::type_room + 1, 't');

const std::vector<std::string> kBodies{
    R"({"type":"echo","msg_id":7,"in_reply_to":3,"echo":"hi"})",
    R"({"echo":{"type":"inner","msg_id":1,"in_reply_to":2},"type":"outer"})",
    R"({"type":5,"msg_id":"x","in_reply_to":1.5})",
    R"({"type":null,"msg_id":[1],"in_reply_to":{"a":1}})",
    R"({"msg_id":18446744073709551615,"in_reply_to":-4})",
    R"({"type":"a","type":"b","msg_id":1})",
    R"({"msg_id":1,"msg_id":2})",
    R"({"type":"ec\u0068o","msg_id":9})",
    R"({"type":")" + kLongType + R"(","msg_id":10})",
    R"({})",
    "null",
};

TEST(BodyFacts, WhenExactTheyReadAsTheMessageDoesHoweverTheLineArrives) {
    std::string input;
    for (const auto& body : kBodies) {
        input += line(body);
    }
    input +=
        R"({"src":"c1","body":{"type":"first","msg_id":1},"dest":"n0","body":{"type":"second"}})"
        "\n";
    for (const std::size_t piece :
         {input.size(), std::size_t{1}, std::size_t{3}, std::size_t{17}}) {
        const auto seen = parse(input, piece);
        ASSERT_EQ(seen.size(), kBodies.size() + 1) << "pieces of " << piece;
        for (std::size_t i = 0; i < seen.size(); ++i) {
            const auto& s = seen[i];
            if (!s.facts.exact) {
                continue;
            }
            EXPECT_EQ(s.facts.type(), s.type) << "message " << i << ", pieces of " << piece;
            EXPECT_EQ(s.facts.msg_id, s.msg_id) << "message " << i << ", pieces of " << piece;
            EXPECT_EQ(s.facts.in_reply_to, s.in_reply_to)
                << "message " << i << ", pieces of " << piece;
        }
    }
}

TEST(BodyFacts, AWholeLineIsExactUnlessAKeyRepeatsOrTheTypeCannotBeKept) {
    std::string input;
    for (const auto& body : kBodies) {
        input += line(body);
    }
    const auto seen = parse(input, input.size());
    ASSERT_EQ(seen.size(), kBodies.size());
    // The escaped type may be trusted or not; the first test checks it reads right either way.
    const std::vector<std::optional<bool>> exact{true,  true,         true,  true, true, false,
                                                 false, std::nullopt, false, true, true};
    for (std::size_t i = 0; i < seen.size(); ++i) {
        if (exact[i]) {
            EXPECT_EQ(seen[i].facts.exact, *exact[i]) << kBodies[i];
        }
    }
    EXPECT_EQ(seen[0].facts.type(), "echo");
    EXPECT_EQ(seen[0].facts.msg_id, 7);
    EXPECT_EQ(seen[0].facts.in_reply_to, 3);
    EXPECT_EQ(seen[1].facts.type(), "outer");
    EXPECT_EQ(seen[1].facts.msg_id, std::nullopt);
    EXPECT_EQ(seen[4].facts.msg_id, std::nullopt);
    EXPECT_EQ(seen[4].facts.in_reply_to, -4);
    EXPECT_EQ(seen[10].facts.type(), "");
}

TEST(BodyFacts, AKeySplitAcrossReadsIsNotTrusted) {
    const std::string input = line(R"({"type":"echo","msg_id":7})");
    const auto at = input.find("ms") + 1;
    std::vector<Seen> seen;
    LineParser* self = nullptr;
    LineParser parser(
        64,
        [&](Message&&, std::size_t) {
            seen.push_back(Seen{self->facts(), "", {}, {}});
        },
        [](MalformedEnvelope&&, std::size_t) {}, [](const std::string&, std::size_t) {});
    self = &parser;
    parser.consume_line(input.data(), at);
    parser.consume_line(input.data() + at, input.size() - at);
    ASSERT_EQ(seen.size(), 1U);
    EXPECT_FALSE(seen[0].facts.exact);
}

// The parser hands over the message it keeps for the last line; the next line must replace
// all of it, even when the sink left it where it was.
TEST(LineParserMessage, AMessageTheSinkDidNotTakeIsReplacedWhole) {
    std::vector<std::string> bodies;
    std::vector<bool> stamped;
    LineParser parser(
        64,
        [&](Message&& message, std::size_t) {
            bodies.push_back(maelstrom::json::serialize(message.body));
            stamped.push_back(message.received != std::chrono::steady_clock::time_point{});
            message.received = std::chrono::steady_clock::now();
        },
        [](MalformedEnvelope&&, std::size_t) {}, [](const std::string&, std::size_t) {});
    const std::string input = line(R"({"type":"echo","msg_id":1})") + line("null");
    parser.consume(input.data(), input.size());
    EXPECT_EQ(bodies, (std::vector<std::string>{R"({"type":"echo","msg_id":1})", "{}"}));
    EXPECT_EQ(stamped, (std::vector<bool>{false, false}));
}

}  // namespace
