// The typed-body example of docs/api.md (quoted from examples/typed_add.hpp)
// answers exactly as Maelstrom's g-counter client expects: {"type":"add_ok"}
// and in_reply_to, nothing more, and error 12 for a malformed add.
#include <gtest/gtest.h>

#include "node_harness.hpp"
#include "typed_add.hpp"

namespace maelstrom::testing {
namespace {

TEST(TypedBody, TheDocumentedReplyHasOnlyTheKeysOfTheSchema) {
    NodeHarness harness;
    std::atomic<std::int64_t> total{0};
    harness.node().handle(
        "add", [&](const Message& request) { typed_add::on_add(harness.node(), request, total); });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "add"}, {"msg_id", 2}, {"delta", 5}});
    const auto reply = body_of(harness.next());
    EXPECT_TRUE(reply == (json::object{{"type", "add_ok"}, {"in_reply_to", 2}}))
        << json::serialize(reply);
    EXPECT_EQ(total.load(), 5);
    harness.send("c1", "n0", {{"type", "add"}, {"msg_id", 3}, {"delta", "5"}});
    const auto error = body_of(harness.next());
    EXPECT_EQ(error.at("code"), 12);
    EXPECT_EQ(total.load(), 5);
}

}  // namespace
}  // namespace maelstrom::testing
