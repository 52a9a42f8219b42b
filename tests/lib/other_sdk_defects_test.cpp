// Failures that other Maelstrom SDKs are known to have, each pinned down here
// so that this library never acquires them. docs/reliability.md maps every
// defect to its test, including those covered by node_test.cpp and
// rpc_test.cpp.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

#include "fake_services.hpp"
#include "node_harness.hpp"

namespace maelstrom::testing {
namespace {

constexpr std::int64_t kFirstIntegerAboveDoublePrecision = (std::int64_t{1} << 53) + 1;
constexpr std::int64_t kLargestId = std::numeric_limits<std::int64_t>::max();

// Go's SDK decodes bodies into map[string]any, turning every number into a
// float64, so ids above 2^53 come back changed.
TEST(OtherSdkDefects, IdsBeyondDoublePrecisionSurviveAHandlerRoundTrip) {
    NodeHarness harness;
    harness.node().handle("echo", [&harness](const Message& request) {
        harness.node().reply(request, {{"type", "echo_ok"}, {"echo", request.body.at("echo")}});
    });
    harness.start();
    harness.init();
    for (const std::int64_t id : {kFirstIntegerAboveDoublePrecision, kLargestId}) {
        harness.send("c1", "n0", {{"type", "echo"}, {"msg_id", id}, {"echo", id}});
        const auto reply = body_of(harness.next());
        EXPECT_EQ(reply.at("in_reply_to").as_int64(), id);
        EXPECT_EQ(reply.at("echo").as_int64(), id);
    }
}

TEST(OtherSdkDefects, IdsBeyondDoublePrecisionSurviveTheKvClient) {
    NodeHarness harness;
    FakeServices services(harness);
    harness.set_responder(services.responder());
    harness.node().handle("test", [&harness](const Message& request) {
        LinKV kv(harness.node());
        json::object out{{"type", "done"}};
        for (const std::int64_t id : {kFirstIntegerAboveDoublePrecision, kLargestId}) {
            // The id is the key too: keys are JSON values and must keep precision.
            const json::value key = id;
            const auto name = std::to_string(id);
            kv.write(key, id);
            out[name] = kv.read<std::int64_t>(key);
            kv.cas(key, id, id - 1);
            out[name + "-after-cas"] = kv.read<std::int64_t>(key);
        }
        harness.node().reply(request, std::move(out));
    });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "test"}, {"msg_id", 2}});
    const auto out = body_of(harness.next());
    for (const std::int64_t id : {kFirstIntegerAboveDoublePrecision, kLargestId}) {
        const auto key = std::to_string(id);
        EXPECT_EQ(out.at(key).as_int64(), id);
        EXPECT_EQ(out.at(key + "-after-cas").as_int64(), id - 1);
    }
}

// Go, Ruby and Rust SDKs keep a reply callback for every RPC that never gets
// an answer, so a partitioned node grows without bound.
TEST(OtherSdkDefects, TimedOutRpcCallbacksRunOnceAndLeaveNothingPending) {
    constexpr int kCalls = 100;
    NodeHarness harness;
    harness.set_responder([](const json::object& envelope) { return envelope.at("dest") == "n1"; });
    std::atomic<int> timeouts{0};
    std::atomic<int> other_outcomes{0};
    std::atomic<int> finished{0};
    std::promise<void> all_done;
    auto on_outcome = [&](std::exception_ptr error, Message) {
        bool timed_out = false;
        try {
            if (error) {
                std::rethrow_exception(error);
            }
        } catch (const rpc_error& e) {
            timed_out = e.code() == error_code::timeout;
        }
        (timed_out ? timeouts : other_outcomes) += 1;
        if (finished.fetch_add(1) + 1 == kCalls) {
            all_done.set_value();
        }
    };
    harness.node().handle("test", [&](const Message& request) {
        for (int i = 0; i < kCalls; ++i) {
            harness.node().async_rpc("n1", {{"type", "void"}}, 20ms, on_outcome);
        }
        harness.node().reply(request, {{"type", "started"}});
    });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "test"}, {"msg_id", 2}});
    EXPECT_EQ(body_of(harness.next()).at("type"), "started");
    ASSERT_EQ(all_done.get_future().wait_for(30s), std::future_status::ready);
    EXPECT_EQ(timeouts.load(), kCalls);
    EXPECT_EQ(other_outcomes.load(), 0);
    EXPECT_EQ(harness.node().pending_rpc_count(), 0u);
}

// Python's SDK lets a handler exception escape without replying, so the
// client only sees a timeout; the request must get error 13 (crash) instead.
TEST(OtherSdkDefects, HandlerExceptionGetsCrashReplyAndServingContinues) {
    NodeHarness harness;
    harness.node().handle("buggy", [](const Message&) -> void { throw std::logic_error("bug"); });
    harness.node().handle("plain", [](const Message&) -> void { throw 42; });
    harness.node().handle("ping", [&harness](const Message& request) {
        harness.node().reply(request, {{"type", "pong"}});
    });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "buggy"}, {"msg_id", 2}});
    auto reply = body_of(harness.next());
    EXPECT_EQ(reply.at("type"), "error");
    EXPECT_EQ(reply.at("code"), 13);
    EXPECT_EQ(reply.at("in_reply_to"), 2);
    harness.send("c1", "n0", {{"type", "plain"}, {"msg_id", 3}});
    reply = body_of(harness.next());
    EXPECT_EQ(reply.at("code"), 13);
    EXPECT_EQ(reply.at("in_reply_to"), 3);
    harness.send("c1", "n0", {{"type", "ping"}, {"msg_id", 4}});
    EXPECT_EQ(body_of(harness.next()).at("type"), "pong");
}

// Zig's SDK runs handlers on a fixed pool: when every worker blocks in a
// synchronous RPC whose answer needs another request handled, nothing moves.
TEST(OtherSdkDefects, SixtyFourBlockingSyncRpcsDoNotDeadlockThePool) {
    constexpr std::size_t kRequests = 64;
    NodeOptions options;
    options.core_threads = 2;
    BatchedPeer peer(kRequests);
    NodeHarness harness(options);
    peer.attach(harness);
    harness.node().handle("wait", [&harness](const Message& request) {
        harness.node().sync_rpc("n1", {{"type", "ping"}}, 60000ms);
        harness.node().reply(request, {{"type", "wait_ok"}});
    });
    harness.start();
    harness.init();
    for (std::size_t i = 0; i < kRequests; ++i) {
        harness.send("c1", "n0", {{"type", "wait"}, {"msg_id", static_cast<std::int64_t>(i + 2)}});
    }
    for (std::size_t i = 0; i < kRequests; ++i) {
        EXPECT_EQ(body_of(harness.next(60s)).at("type"), "wait_ok");
    }
    EXPECT_EQ(harness.node().pending_rpc_count(), 0u);
}

// Maelstrom closes a non-reusable client once its 5 s timeout passes, and a node that then
// writes to it is never read again. A slow handler must not be able to do that.
TEST(OtherSdkDefects, LateRepliesToClientsAreDroppedNotWritten) {
    LogCapture logs(log_level::warn);
    NodeOptions options;
    options.client_reply_deadline = std::chrono::milliseconds(200);
    NodeHarness harness(options);
    harness.node().handle("slow", [&](const Message& request) {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        harness.node().reply(request, {{"type", "slow_ok"}});
    });
    harness.node().handle("fast", [&](const Message& request) {
        harness.node().reply(request, {{"type", "fast_ok"}});
    });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "slow"}, {"msg_id", 2}});
    // A peer node is never closed, so its late reply is still written.
    harness.send("n1", "n0", {{"type", "slow"}, {"msg_id", 3}});
    const auto first = harness.next();
    EXPECT_EQ(first.at("dest"), "n1");
    EXPECT_EQ(body_of(first).at("type"), "slow_ok");
    harness.send("c1", "n0", {{"type", "fast"}, {"msg_id", 4}});
    const auto second = harness.next();
    EXPECT_EQ(second.at("dest"), "c1");
    EXPECT_EQ(body_of(second).at("in_reply_to"), 4);
    // The slow handler for c1 may finish after the exchanges above.
    EXPECT_TRUE(logs.wait_for("reply to slow 2 from c1 dropped"));
}

}  // namespace
}  // namespace maelstrom::testing
