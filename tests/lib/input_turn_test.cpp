// The input turn: requests run on the thread that reads them, and reading
// moves to another thread when a handler blocks.
#include <gtest/gtest.h>

#include <future>
#include <set>
#include <thread>

#include "node_harness.hpp"

namespace maelstrom::testing {
namespace {

std::string line_of(const char* src, const char* dest, json::object body) {
    return json::serialize(json::object{{"src", src}, {"dest", dest}, {"body", std::move(body)}});
}

// "block" waits until `released` (saying so first when `announce`), "echo" echoes.
void serve_block_and_echo(NodeHarness& harness, std::shared_future<void> released, bool announce) {
    harness.node().handle("block", [&harness, released, announce](const Message& request) {
        if (announce) {
            harness.node().prepare_to_block();
        }
        released.wait();
        harness.node().reply(request, {{"type", "block_ok"}});
    });
    harness.node().handle("echo", [&harness](const Message& request) {
        harness.node().reply(request, {{"type", "echo_ok"}, {"echo", request.body.at("echo")}});
    });
}

TEST(InputTurn, RequestsRunOneAfterAnotherOnTheThreadThatReadsThem) {
    constexpr int kRequests = 200;
    NodeHarness harness;
    std::mutex mutex;
    std::set<std::thread::id> threads;
    harness.node().handle("where", [&](const Message& request) {
        {
            std::lock_guard lock(mutex);
            threads.insert(std::this_thread::get_id());
        }
        harness.node().reply(request, {{"type", "where_ok"}});
    });
    harness.start();
    harness.init();
    std::string lines;
    for (int i = 0; i < kRequests; ++i) {
        lines += line_of("c1", "n0", {{"type", "where"}, {"msg_id", i + 2}}) + "\n";
    }
    harness.send_line(lines);
    for (int i = 0; i < kRequests; ++i) {
        EXPECT_EQ(body_of(harness.next()).at("in_reply_to"), i + 2);
    }
    std::lock_guard lock(mutex);
    EXPECT_EQ(threads.size(), 1u);
}

TEST(InputTurn, AHandlerBlockedOutsideTheLibraryDoesNotStopReading) {
    // The handler waits on a promise of its own, which the library cannot see:
    // the stall check must move reading to another thread.
    NodeHarness harness;
    std::promise<void> release;
    auto released = release.get_future().share();
    serve_block_and_echo(harness, released, false);
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "block"}, {"msg_id", 2}});
    harness.send("c1", "n0", {{"type", "echo"}, {"msg_id", 3}, {"echo", "after"}});
    const auto echoed = harness.try_next(5s);
    release.set_value();
    ASSERT_TRUE(echoed.has_value());
    EXPECT_EQ(body_of(*echoed).at("echo"), "after");
    EXPECT_EQ(body_of(harness.next()).at("type"), "block_ok");
}

TEST(InputTurn, RequestsBehindABlockedOneInTheSameReadAreServed) {
    // Both lines arrive in one read: the one after the blocked request is
    // parsed and served by the next holder of the turn.
    NodeHarness harness;
    std::promise<void> release;
    auto released = release.get_future().share();
    serve_block_and_echo(harness, released, true);
    harness.start();
    harness.init();
    harness.send_line(line_of("c1", "n0", {{"type", "block"}, {"msg_id", 2}}) + "\n" +
                      line_of("c1", "n0", {{"type", "echo"}, {"msg_id", 3}, {"echo", "behind"}}));
    const auto echoed = harness.try_next(5s);
    release.set_value();
    ASSERT_TRUE(echoed.has_value());
    EXPECT_EQ(body_of(*echoed).at("echo"), "behind");
    EXPECT_EQ(body_of(harness.next()).at("type"), "block_ok");
}

TEST(InputTurn, ACallbackThatThrowsOnTheInputThreadIsLoggedAndReadingGoesOn) {
    LogCapture logs;
    NodeHarness harness;
    harness.set_responder([&harness](const json::object& envelope) {
        if (envelope.at("dest") != "n1") {
            return false;
        }
        harness.send("n1", "n0",
                     {{"type", "pong"}, {"in_reply_to", envelope.at("body").at("msg_id")}});
        return true;
    });
    harness.node().handle("ask", [&harness](const Message& request) {
        harness.node().rpc("n1", {{"type", "ping"}}, [](std::exception_ptr, Message) {
            throw std::runtime_error("callback failed");
        });
        harness.node().reply(request, {{"type", "ask_ok"}});
    });
    harness.node().handle("echo", [&harness](const Message& request) {
        harness.node().reply(request, {{"type", "echo_ok"}, {"echo", request.body.at("echo")}});
    });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "ask"}, {"msg_id", 2}});
    EXPECT_EQ(body_of(harness.next()).at("type"), "ask_ok");
    EXPECT_TRUE(logs.wait_for("RPC callback threw: callback failed"));
    harness.send("c1", "n0", {{"type", "echo"}, {"msg_id", 3}, {"echo", "still"}});
    EXPECT_EQ(body_of(harness.next()).at("echo"), "still");
}

}  // namespace
}  // namespace maelstrom::testing
