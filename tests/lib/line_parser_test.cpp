// The line parser reads a whole line in one call and a line split across reads piece by piece;
// both must report the same messages, errors and line numbers.
#include "line_parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "feed_in_pieces.hpp"

namespace {

struct Heard {
    std::vector<std::string> events;
};

maelstrom::detail::LineParser parser_for(Heard& heard, std::size_t max_depth = 64) {
    return maelstrom::detail::LineParser(
        max_depth,
        [&heard](maelstrom::Message&& message, std::size_t line) {
            heard.events.push_back(std::to_string(line) + " message " + message.src + ">" +
                                   message.dest + " " + maelstrom::json::serialize(message.body));
        },
        [&heard](maelstrom::detail::MalformedEnvelope&& malformed, std::size_t line) {
            heard.events.push_back(std::to_string(line) + " malformed " + malformed.reason);
        },
        [&heard](const std::string& reason, std::size_t line) {
            heard.events.push_back(std::to_string(line) + " error " + reason);
        });
}

const std::string kInput =
    "{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":1}}\n"
    "   \n"
    "\t{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":2}} \r\n"
    "{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{}} trailing\n"
    "[[[[[[[[[[]]]]]]]]]]\n"
    "{\"src\":\"c1\",\"body\":{\"msg_id\":3}}\n"
    "{\"src\":\"c1\",\"dest\":\"n0\",\"body\":{\"type\":\"echo\",\"msg_id\":4}}\n";

std::vector<std::string> parse_in_pieces(std::size_t piece) {
    Heard heard;
    auto parser = parser_for(heard, 8);
    maelstrom::testing::feed_in_pieces(parser, kInput, piece);
    return heard.events;
}

TEST(LineParser, WholeLinesAndLinesInPiecesGiveTheSameEvents) {
    const auto whole = parse_in_pieces(kInput.size());
    const std::vector<std::string> expected{
        R"(1 message c1>n0 {"type":"echo","msg_id":1})",
        R"(3 message c1>n0 {"type":"echo","msg_id":2})",
        "4 error not valid JSON (extra data)",
        "5 error JSON nested deeper than the limit of 8 levels",
        R"(6 malformed message has no "dest")",
        R"(7 message c1>n0 {"type":"echo","msg_id":4})",
    };
    EXPECT_EQ(whole, expected);
    for (const std::size_t piece : {1U, 2U, 7U, 50U}) {
        EXPECT_EQ(parse_in_pieces(piece), expected) << "pieces of " << piece << " bytes";
    }
}

TEST(LineParser, AnUnterminatedLastLineIsParsedAtTheEnd) {
    Heard heard;
    auto parser = parser_for(heard);
    const std::string line = R"({"src":"c1","dest":"n0","body":{"type":"echo"}})";
    EXPECT_EQ(parser.consume_line(line.data(), line.size()), line.size());
    EXPECT_TRUE(heard.events.empty());
    parser.finish();
    ASSERT_EQ(heard.events.size(), 1U);
    EXPECT_EQ(heard.events[0], R"(1 message c1>n0 {"type":"echo"})");
}

}  // namespace
