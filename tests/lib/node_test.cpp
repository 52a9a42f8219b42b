// How a node treats its input: init, dispatch, and every kind of bad input.
#include <gtest/gtest.h>

#include <future>

#include "node_harness.hpp"

namespace maelstrom::testing {
namespace {

void serve_echo(Node& node) {
    node.handle("echo", [&node](const Message& request) {
        json::object reply;
        reply["type"] = "echo_ok";
        reply["echo"] = request.body.at("echo");
        node.reply(request, std::move(reply));
    });
}

json::object echo(NodeHarness& harness, std::int64_t msg_id, json::value payload,
                  std::chrono::milliseconds wait = 10s) {
    harness.send("c1", "n0", {{"type", "echo"}, {"msg_id", msg_id}, {"echo", payload}});
    return body_of(harness.next(wait));
}

TEST(Node, InitSetsIdentityRunsHookAndRepliesInitOk) {
    NodeHarness harness;
    std::string seen_in_hook;
    harness.node().on_init([&] { seen_in_hook = harness.node().id(); });
    harness.start();
    const auto reply = harness.init("n1", {"n0", "n1", "n2"});
    EXPECT_EQ(reply.at("dest"), "c0");
    EXPECT_EQ(reply.at("src"), "n1");
    EXPECT_EQ(body_of(reply).at("type"), "init_ok");
    EXPECT_EQ(body_of(reply).at("in_reply_to"), 1);
    EXPECT_EQ(seen_in_hook, "n1");
    EXPECT_EQ(harness.node().node_ids().size(), 3u);
    EXPECT_EQ(harness.node().peer_ids(), (std::vector<std::string>{"n0", "n2"}));
}

TEST(Node, RepliesGoToTheSenderWithInReplyTo) {
    NodeHarness harness;
    serve_echo(harness.node());
    harness.start();
    harness.init();
    harness.send("c7", "n0", {{"type", "echo"}, {"msg_id", 41}, {"echo", "hi"}});
    const auto reply = harness.next();
    EXPECT_EQ(reply.at("src"), "n0");
    EXPECT_EQ(reply.at("dest"), "c7");
    EXPECT_EQ(body_of(reply),
              (json::object{{"type", "echo_ok"}, {"echo", "hi"}, {"in_reply_to", 41}}));
}

TEST(Node, InvalidLinesAreReportedAndServingContinues) {
    LogCapture logs(log_level::warn);
    NodeHarness harness;
    serve_echo(harness.node());
    harness.start();
    harness.init();
    harness.send_line("this is not json");
    harness.send_line("[1, 2, 3]");
    harness.send_line(R"({"src":"c1","body":{"type":"echo"}})");
    harness.send_line("");
    EXPECT_EQ(echo(harness, 6, "still here").at("echo"), "still here");
    EXPECT_TRUE(logs.contains("input line 2 ignored: not valid JSON"));
    EXPECT_TRUE(logs.contains("input line 3 ignored: message is not a JSON object"));
    EXPECT_TRUE(logs.contains("input line 4 ignored: message has no \"dest\""));
}

TEST(Node, MalformedRequestWithMsgIdGetsError12) {
    NodeHarness harness;
    serve_echo(harness.node());
    harness.start();
    harness.init();
    harness.send_line(R"({"src":"c1","dest":"n0","body":{"msg_id":5}})");
    const auto reply = body_of(harness.next());
    EXPECT_EQ(reply.at("type"), "error");
    EXPECT_EQ(reply.at("code"), 12);
    EXPECT_EQ(reply.at("in_reply_to"), 5);
    harness.send_line(R"({"src":"c1","body":{"type":"echo","msg_id":6}})");
    const auto second = body_of(harness.next());
    EXPECT_EQ(second.at("code"), 12);
    EXPECT_EQ(second.at("in_reply_to"), 6);
}

TEST(Node, UnknownTypeGetsError10AndServingContinues) {
    NodeHarness harness;
    serve_echo(harness.node());
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "frobnicate"}, {"msg_id", 3}});
    const auto reply = body_of(harness.next());
    EXPECT_EQ(reply.at("type"), "error");
    EXPECT_EQ(reply.at("code"), 10);
    EXPECT_EQ(reply.at("in_reply_to"), 3);
    EXPECT_EQ(echo(harness, 4, 1).at("echo"), 1);
}

TEST(Node, HandlerErrorsBecomeErrorReplies) {
    NodeHarness harness;
    harness.node().handle(
        "strict", [](const Message&) { throw rpc_error(error_code::precondition_failed, "nope"); });
    harness.node().handle("custom", [](const Message&) {
        throw rpc_error(static_cast<error_code>(1042), "user code");
    });
    harness.node().handle("buggy", [](const Message&) { throw std::out_of_range("index 9"); });
    harness.node().handle("coroutine", [](const Message&) -> asio::awaitable<void> {
        throw rpc_error(error_code::txn_conflict, "conflict");
        co_return;
    });
    serve_echo(harness.node());
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "strict"}, {"msg_id", 1}});
    auto reply = body_of(harness.next());
    EXPECT_EQ(reply.at("code"), 22);
    EXPECT_EQ(reply.at("text"), "nope");
    harness.send("c1", "n0", {{"type", "custom"}, {"msg_id", 2}});
    EXPECT_EQ(body_of(harness.next()).at("code"), 1042);
    harness.send("c1", "n0", {{"type", "buggy"}, {"msg_id", 3}});
    reply = body_of(harness.next());
    EXPECT_EQ(reply.at("code"), 13);
    EXPECT_EQ(reply.at("text"), "index 9");
    harness.send("c1", "n0", {{"type", "coroutine"}, {"msg_id", 4}});
    EXPECT_EQ(body_of(harness.next()).at("code"), 30);
    EXPECT_EQ(echo(harness, 5, "alive").at("echo"), "alive");
}

TEST(Node, ClientRequestBeforeInitGetsError11) {
    NodeHarness harness;
    serve_echo(harness.node());
    harness.start();
    harness.send("c1", "n0", {{"type", "echo"}, {"msg_id", 1}, {"echo", "early"}});
    const auto reply = body_of(harness.next());
    EXPECT_EQ(reply.at("code"), 11);
    EXPECT_EQ(body_of(harness.init()).at("type"), "init_ok");
    EXPECT_EQ(echo(harness, 2, "late").at("echo"), "late");
}

TEST(Node, PeerMessageBeforeInitIsHandledAfterInit) {
    NodeHarness harness;
    std::atomic<bool> initialised{false};
    harness.node().on_init([&] { initialised = true; });
    harness.node().handle("gossip", [&](const Message& message) {
        json::object note;
        note["type"] = "seen";
        note["after_init"] = initialised.load();
        harness.node().send(message.src, std::move(note));
    });
    harness.start();
    harness.send("n1", "n0", {{"type", "gossip"}});
    harness.init();
    const auto seen = harness.next();
    EXPECT_EQ(seen.at("dest"), "n1");
    EXPECT_EQ(body_of(seen).at("after_init"), true);
}

TEST(Node, SecondInitIsRefusedWithAbortAndIgnored) {
    NodeHarness harness;
    harness.start();
    harness.init("n0");
    const auto reply = body_of(harness.init("n2"));
    EXPECT_EQ(reply.at("type"), "error");
    EXPECT_EQ(reply.at("code"), 14);
    EXPECT_EQ(harness.node().id(), "n0");
}

TEST(Node, DeepNestingIsRejectedWithoutCrashing) {
    LogCapture logs(log_level::warn);
    NodeOptions options;
    options.max_json_depth = 64;
    NodeHarness harness(options);
    serve_echo(harness.node());
    harness.start();
    harness.init();
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    harness.send_line(R"({"src":"c1","dest":"n0","body":{"type":"echo","msg_id":1,"echo":)" + deep +
                      "}}");
    json::value nested = json::array{};
    for (int i = 0; i < 40; ++i) {
        nested = json::array{nested};
    }
    EXPECT_EQ(echo(harness, 2, nested).at("echo"), nested);
    EXPECT_TRUE(logs.contains("nested deeper than the limit of 64"));
}

TEST(Node, EchoesA64MiBLine) {
    NodeHarness harness;
    serve_echo(harness.node());
    harness.start();
    harness.init();
    std::string payload(64 * 1024 * 1024, 'x');
    payload[12345] = 'y';
    // Sent by a peer, not a client: a sanitizer build on a busy machine can take longer to
    // copy 64 MiB than a client waits, and the node rightly drops a client's late reply.
    harness.send("n1", "n0", {{"type", "echo"}, {"msg_id", 2}, {"echo", json::string(payload)}});
    const auto reply = harness.next(240s);
    EXPECT_EQ(reply.at("dest"), "n1");
    const auto& body = body_of(reply);
    EXPECT_EQ(body.at("in_reply_to"), 2);
    EXPECT_EQ(body.at("echo").as_string().size(), payload.size());
    EXPECT_EQ(body.at("echo").as_string(), payload);
}

TEST(Node, ReplyMatchingNoPendingRpcIsLoggedAndDropped) {
    LogCapture logs(log_level::debug);
    NodeHarness harness;
    serve_echo(harness.node());
    harness.start();
    harness.init();
    harness.send("n1", "n0", {{"type", "read_ok"}, {"in_reply_to", 999}});
    harness.send("n1", "n0", {{"type", "error"}, {"code", 0}, {"in_reply_to", 998}});
    EXPECT_EQ(echo(harness, 2, "ok").at("echo"), "ok");
    EXPECT_TRUE(logs.contains("dropping read_ok 999 from n1"));
    EXPECT_TRUE(logs.contains("dropping error 998 from n1"));
}

TEST(Node, ConcurrentSendsNeverInterleaveLines) {
    NodeHarness harness;
    constexpr int kThreads = 8;
    constexpr int kMessagesPerThread = 400;
    harness.node().handle("burst", [&](const Message&) {
        std::vector<std::thread> senders;
        for (int t = 0; t < kThreads; ++t) {
            senders.emplace_back([&, t] {
                for (int i = 0; i < kMessagesPerThread; ++i) {
                    json::object body;
                    body["type"] = "chunk";
                    body["thread"] = t;
                    body["payload"] = std::string(static_cast<std::size_t>(1000 + i * 7), 'a' + t);
                    harness.node().send("n1", std::move(body));
                }
            });
        }
        for (auto& sender : senders) {
            sender.join();
        }
    });
    harness.start();
    harness.init();
    harness.send("n1", "n0", {{"type", "burst"}});
    for (int i = 0; i < kThreads * kMessagesPerThread; ++i) {
        const auto line = harness.next();
        ASSERT_EQ(body_of(line).at("type"), "chunk");
    }
    EXPECT_TRUE(harness.all_lines_valid());
}

TEST(Node, ReplyIsNotHeldBackByABlockingHandlerInTheSameBatch) {
    // One handler thread and both requests in one read: the echo reply is
    // deferred while the batch goes on, and the next handler blocks until the
    // test has seen that reply.
    NodeOptions options;
    options.core_threads = 1;
    options.max_threads = 1;
    NodeHarness harness(options);
    serve_echo(harness.node());
    std::promise<void> release;
    auto released = release.get_future().share();
    harness.node().handle("block", [&harness, released](const Message& request) {
        released.wait();
        harness.node().reply(request, {{"type", "block_ok"}});
    });
    harness.start();
    harness.init();
    const auto line = [](json::object body) {
        return json::serialize(json::object{{"src", "c1"}, {"dest", "n0"}, {"body", body}});
    };
    harness.send_line(line({{"type", "echo"}, {"msg_id", 2}, {"echo", "first"}}) + "\n" +
                      line({{"type", "block"}, {"msg_id", 3}}));
    const auto first = harness.try_next();
    release.set_value();
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(body_of(*first).at("echo"), "first");
    EXPECT_EQ(body_of(harness.next()).at("type"), "block_ok");
}

TEST(Node, EndOfInputLetsHandlersFinishAndRunReturns) {
    NodeHarness harness;
    harness.node().handle("slow", [&](const Message& request) {
        std::this_thread::sleep_for(100ms);
        harness.node().reply(request, {{"type", "slow_ok"}});
    });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "slow"}, {"msg_id", 2}});
    harness.close_input();
    EXPECT_EQ(body_of(harness.next()).at("type"), "slow_ok");
    EXPECT_TRUE(harness.wait_finished());
}

TEST(Node, EnvelopeFieldsAreReadOnlyAtTheTopLevel) {
    NodeHarness harness;
    serve_echo(harness.node());
    harness.start();
    harness.init();
    // Members named like envelope fields inside other members must not count,
    // and the body keeps its full structure.
    harness.send_line(
        R"({"id":7,"meta":{"src":"x","body":5,"list":[{"dest":1}]},"src":"c1","dest":"n0",)"
        R"("body":{"type":"echo","msg_id":2,"echo":{"nested":[1,"two",{"three":null}],)"
        R"("text":"\u00e9\"q"}}})");
    const auto reply = harness.next();
    EXPECT_EQ(reply.at("src"), "n0");
    EXPECT_EQ(reply.at("dest"), "c1");
    EXPECT_EQ(body_of(reply).at("echo"),
              json::parse(R"({"nested":[1,"two",{"three":null}],"text":"\u00e9\"q"})"));
    EXPECT_EQ(body_of(reply).at("in_reply_to"), 2);
}

TEST(Node, MistypedEnvelopeFieldsAreReportedByName) {
    LogCapture logs(log_level::warn);
    NodeHarness harness;
    serve_echo(harness.node());
    harness.start();
    harness.init();
    harness.send_line(R"({"src":["c1"],"dest":"n0","body":{"type":"echo","msg_id":2}})");
    harness.send_line(R"({"src":"c1","dest":"n0","body":[{"type":"echo","msg_id":3}]})");
    harness.send_line(R"({"src":"c1","dest":"n0","body":null})");
    harness.send_line(R"({"src":"c1","dest":{"n":0},"body":{"type":"echo","msg_id":4}})");
    // Only the last line has a sender and a body to answer error 12 to.
    const auto reply = body_of(harness.next());
    EXPECT_EQ(reply.at("code"), 12);
    EXPECT_EQ(reply.at("in_reply_to"), 4);
    EXPECT_EQ(echo(harness, 6, "still here").at("echo"), "still here");
    EXPECT_TRUE(logs.contains("input line 2 ignored: message field \"src\" is not a string"));
    EXPECT_TRUE(logs.contains("input line 3 ignored: message body is not a JSON object"));
    EXPECT_TRUE(logs.contains("input line 4 ignored: body has no string \"type\""));
    EXPECT_TRUE(logs.contains("input line 5 ignored: message field \"dest\" is not a string"));
}

TEST(Node, ReplyInReplyToReplacesOneTheHandlerSet) {
    NodeHarness harness;
    harness.node().handle("echo", [&harness](const Message& request) {
        harness.node().reply(request, {{"type", "echo_ok"}, {"in_reply_to", 99}});
    });
    harness.node().handle("empty", [&harness](const Message& request) {
        harness.node().reply(request, json::object{});
    });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "echo"}, {"msg_id", 5}});
    EXPECT_EQ(body_of(harness.next()), (json::object{{"type", "echo_ok"}, {"in_reply_to", 5}}));
    harness.send("c1", "n0", {{"type", "empty"}, {"msg_id", 6}});
    EXPECT_EQ(body_of(harness.next()), (json::object{{"in_reply_to", 6}}));
}

}  // namespace
}  // namespace maelstrom::testing
