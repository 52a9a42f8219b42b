// A handler that takes Message&& owns the request: it may take it apart or turn its body into
// the reply, and the node must still answer right, even when the handler throws afterwards.
#include <gtest/gtest.h>

#include "node_harness.hpp"

namespace maelstrom::testing {
namespace {

TEST(ConsumingHandler, MayAnswerWithTheRequestsOwnBody) {
    NodeHarness harness;
    harness.node().handle("echo", [&node = harness.node()](Message&& request) {
        request.body.at("type").as_string() = "echo_ok";
        node.reply(request, std::move(request.body));
    });
    harness.start();
    harness.init();
    const json::object request{{"type", "echo"}, {"msg_id", 41}, {"echo", "hi"}};
    harness.send("c7", "n0", request);
    const auto reply = harness.next();
    EXPECT_EQ(reply.at("dest"), "c7");
    // The request's body, with its type rewritten and in_reply_to added.
    EXPECT_EQ(
        body_of(reply),
        (json::object{{"type", "echo_ok"}, {"msg_id", 41}, {"echo", "hi"}, {"in_reply_to", 41}}));
}

TEST(ConsumingHandler, ErrorsThrownAfterTheRequestWasTakenApartStillReachTheSender) {
    NodeHarness harness;
    harness.node().handle("strict", [](Message&& request) {
        const Message taken = std::move(request);
        throw rpc_error(error_code::precondition_failed, "nope from " + taken.src);
    });
    harness.node().handle("buggy", [](Message&& request) {
        request.src.clear();
        request.body.clear();
        throw std::out_of_range("index 9");
    });
    harness.start();
    harness.init();
    harness.send("c3", "n0", {{"type", "strict"}, {"msg_id", 1}});
    auto reply = harness.next();
    EXPECT_EQ(reply.at("dest"), "c3");
    EXPECT_EQ(body_of(reply),
              (json::object{
                  {"type", "error"}, {"code", 22}, {"text", "nope from c3"}, {"in_reply_to", 1}}));
    harness.send("c4", "n0", {{"type", "buggy"}, {"msg_id", 2}});
    reply = harness.next();
    EXPECT_EQ(reply.at("dest"), "c4");
    EXPECT_EQ(body_of(reply).at("code"), 13);
    EXPECT_EQ(body_of(reply).at("in_reply_to"), 2);
}

TEST(ConsumingHandler, ABodyPassedAsAnLvalueIsCopiedNotTaken) {
    NodeHarness harness;
    json::object kept{{"type", "pong"}};
    harness.node().handle("ping", [&](const Message& request) {
        harness.node().reply(request, kept);
        harness.node().reply(request, kept);
    });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "ping"}, {"msg_id", 5}});
    EXPECT_EQ(body_of(harness.next()), (json::object{{"type", "pong"}, {"in_reply_to", 5}}));
    EXPECT_EQ(body_of(harness.next()), (json::object{{"type", "pong"}, {"in_reply_to", 5}}));
    EXPECT_EQ(kept, (json::object{{"type", "pong"}}));
}

// Routing reads the parser's notes of type and msg_id only when they are sure; otherwise it
// asks the body, so a repeated key, an escaped type or a long one routes as the object reads.
TEST(ConsumingHandler, RequestsTheParserCannotVouchForRouteAsTheirBodyReads) {
    NodeHarness harness;
    const std::string long_type(40, 'l');
    for (const std::string& type :
         {std::string("first"), std::string("second"), std::string("echo"), long_type}) {
        harness.node().handle(type, [&node = harness.node(), type](Message&& request) {
            node.reply(request, json::object{{"type", type + "_ok"}});
        });
    }
    harness.start();
    harness.init();
    const auto repeated = json::parse(R"({"type":"first","type":"second","msg_id":1})").as_object();
    harness.send_line(
        R"({"src":"c1","dest":"n0","body":{"type":"first","type":"second","msg_id":1}})");
    EXPECT_EQ(body_of(harness.next()).at("type").as_string(),
              std::string(repeated.at("type").as_string()) + "_ok");
    harness.send_line(R"({"src":"c1","dest":"n0","body":{"type":"ec\u0068o","msg_id":2}})");
    EXPECT_EQ(body_of(harness.next()), (json::object{{"type", "echo_ok"}, {"in_reply_to", 2}}));
    harness.send("c1", "n0", {{"type", long_type}, {"msg_id", 3}});
    EXPECT_EQ(body_of(harness.next()),
              (json::object{{"type", long_type + "_ok"}, {"in_reply_to", 3}}));
}

}  // namespace
}  // namespace maelstrom::testing
