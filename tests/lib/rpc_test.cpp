// RPC in its three styles, deadlines, cancellation, retries, and handlers that
// block in synchronous RPCs.
#include <gtest/gtest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <future>
#include <string_view>

#include "node_harness.hpp"

namespace maelstrom::testing {
namespace {

// A peer "n1" that answers "ping" with "pong", "fail" with error 22, and
// ignores "void".
NodeHarness::responder peer(NodeHarness& harness) {
    return [&harness](const json::object& envelope) {
        if (envelope.at("dest") != "n1") {
            return false;
        }
        const auto& body = envelope.at("body").as_object();
        const auto& type = body.at("type").as_string();
        if (type == "void") {
            return true;
        }
        json::object reply;
        if (type == "ping") {
            reply = {{"type", "pong"}, {"n", body.at("n")}};
        } else {
            reply = {{"type", "error"}, {"code", 22}, {"text", "refused"}};
        }
        reply["in_reply_to"] = body.at("msg_id");
        harness.send("n1", "n0", std::move(reply));
        return true;
    };
}

// Runs `fn` as a handler and returns what it reports back.
json::object call_in_handler(NodeHarness& harness, std::function<json::object()> fn) {
    harness.node().handle(
        "test", [&harness, fn](const Message& request) { harness.node().reply(request, fn()); });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "test"}, {"msg_id", 2}});
    return body_of(harness.next());
}

// The error code a synchronous retried RPC of `type` to n1 ends with; -1 if it succeeds.
std::int64_t failed_retry_code(NodeHarness& harness, std::string_view type,
                               const RetryPolicy& policy) {
    try {
        harness.node().sync_rpc_retry("n1", {{"type", type}}, policy);
        return -1;
    } catch (const rpc_error& e) {
        return static_cast<std::int64_t>(e.code());
    }
}

// A peer "n1" that never answers and counts what it is sent.
NodeHarness::responder silent_peer(std::atomic<int>& received) {
    return [&received](const json::object& envelope) {
        const bool to_peer = envelope.at("dest") == "n1";
        received += to_peer ? 1 : 0;
        return to_peer;
    };
}

TEST(Rpc, SyncRpcReturnsTheReply) {
    NodeHarness harness;
    harness.set_responder(peer(harness));
    const auto result = call_in_handler(harness, [&] {
        const auto reply = harness.node().sync_rpc("n1", {{"type", "ping"}, {"n", INT64_MAX}});
        return json::object{
            {"type", "done"}, {"n", reply.body.at("n")}, {"reply_type", reply.type()}};
    });
    EXPECT_EQ(result.at("reply_type"), "pong");
    EXPECT_EQ(result.at("n").as_int64(), INT64_MAX);
}

TEST(Rpc, ErrorReplySurfacesAsRpcErrorInEveryStyle) {
    NodeHarness harness;
    harness.set_responder(peer(harness));
    harness.node().handle("co", [&](const Message& request) -> asio::awaitable<void> {
        std::int64_t code = -1;
        try {
            json::object body{{"type", "fail"}};
            co_await harness.node().co_rpc("n1", body);
        } catch (const rpc_error& e) {
            code = static_cast<std::int64_t>(e.code());
        }
        json::object reply{{"type", "co_ok"}, {"code", code}};
        harness.node().reply(request, reply);
    });
    const auto result = call_in_handler(harness, [&] {
        json::object out{{"type", "done"}};
        try {
            harness.node().sync_rpc("n1", {{"type", "fail"}});
        } catch (const rpc_error& e) {
            out["sync_code"] = static_cast<std::int64_t>(e.code());
            out["sync_text"] = e.text();
        }
        std::promise<std::int64_t> callback_code;
        harness.node().rpc("n1", {{"type", "fail"}}, [&](std::exception_ptr error, Message) {
            try {
                std::rethrow_exception(error);
            } catch (const rpc_error& e) {
                callback_code.set_value(static_cast<std::int64_t>(e.code()));
            }
        });
        out["callback_code"] = callback_code.get_future().get();
        return out;
    });
    EXPECT_EQ(result.at("sync_code"), 22);
    EXPECT_EQ(result.at("sync_text"), "refused");
    EXPECT_EQ(result.at("callback_code"), 22);
    harness.send("c1", "n0", {{"type", "co"}, {"msg_id", 3}});
    EXPECT_EQ(body_of(harness.next()).at("code"), 22);
}

TEST(Rpc, CallbackAndCoroutineStylesReceiveReplies) {
    NodeHarness harness;
    harness.set_responder(peer(harness));
    harness.node().handle("co", [&](const Message& request) -> asio::awaitable<void> {
        json::object body{{"type", "ping"}, {"n", 5}};
        const auto reply = co_await harness.node().co_rpc("n1", body);
        json::object out{{"type", "co_ok"}, {"n", reply.body.at("n")}};
        harness.node().reply(request, out);
    });
    harness.node().handle("cb", [&](const Message& request) {
        harness.node().rpc("n1", {{"type", "ping"}, {"n", 6}},
                           [&harness, request](std::exception_ptr error, Message reply) {
                               EXPECT_FALSE(error);
                               json::object out{{"type", "cb_ok"}, {"n", reply.body.at("n")}};
                               harness.node().reply(request, out);
                           });
    });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "co"}, {"msg_id", 2}});
    EXPECT_EQ(body_of(harness.next()).at("n"), 5);
    harness.send("c1", "n0", {{"type", "cb"}, {"msg_id", 3}});
    EXPECT_EQ(body_of(harness.next()).at("n"), 6);
}

TEST(Rpc, TimeoutRemovesPendingStateAndLateReplyIsDropped) {
    LogCapture logs(log_level::debug);
    NodeHarness harness;
    std::atomic<std::int64_t> sent_msg_id{0};
    harness.set_responder([&](const json::object& envelope) {
        if (envelope.at("dest") != "n1") {
            return false;
        }
        sent_msg_id = envelope.at("body").at("msg_id").as_int64();
        return true;
    });
    const auto result = call_in_handler(harness, [&] {
        json::object out{{"type", "done"}};
        try {
            harness.node().sync_rpc("n1", {{"type", "void"}}, 50ms);
        } catch (const rpc_error& e) {
            out["code"] = static_cast<std::int64_t>(e.code());
        }
        out["pending"] = harness.node().pending_rpc_count();
        return out;
    });
    EXPECT_EQ(result.at("code"), 0);
    EXPECT_EQ(result.at("pending"), 0);
    const std::int64_t late_id = sent_msg_id.load();
    harness.send("n1", "n0", {{"type", "pong"}, {"in_reply_to", late_id}});
    harness.send("c1", "n0", {{"type", "test"}, {"msg_id", 3}});
    harness.next();
    EXPECT_TRUE(logs.contains("dropping pong " + std::to_string(late_id)));
    EXPECT_EQ(harness.node().pending_rpc_count(), 0u);
}

TEST(Rpc, ManyTimedOutRpcsLeaveNothingPending) {
    NodeHarness harness;
    harness.set_responder([](const json::object& envelope) { return envelope.at("dest") == "n1"; });
    const auto result = call_in_handler(harness, [&] {
        std::vector<std::future<Message>> calls;
        for (int i = 0; i < 200; ++i) {
            calls.push_back(
                harness.node().async_rpc("n1", {{"type", "void"}}, 20ms, asio::use_future));
        }
        std::int64_t timeouts = 0;
        for (auto& call : calls) {
            try {
                call.get();
            } catch (const rpc_error& e) {
                timeouts += e.code() == error_code::timeout ? 1 : 0;
            }
        }
        return json::object{{"type", "done"},
                            {"timeouts", timeouts},
                            {"pending", harness.node().pending_rpc_count()}};
    });
    EXPECT_EQ(result.at("timeouts"), 200);
    EXPECT_EQ(result.at("pending"), 0);
}

TEST(Rpc, CancellationSlotCancelsThePendingRpc) {
    NodeHarness harness;
    harness.set_responder([](const json::object& envelope) { return envelope.at("dest") == "n1"; });
    const auto result = call_in_handler(harness, [&] {
        asio::cancellation_signal cancel;
        std::promise<std::string> outcome;
        harness.node().async_rpc(
            "n1", {{"type", "void"}}, std::chrono::milliseconds(60000),
            asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr error, Message) {
                try {
                    std::rethrow_exception(error);
                } catch (const rpc_error& e) {
                    outcome.set_value(e.text());
                }
            }));
        cancel.emit(asio::cancellation_type::terminal);
        const auto text = outcome.get_future().get();
        return json::object{
            {"type", "done"}, {"text", text}, {"pending", harness.node().pending_rpc_count()}};
    });
    EXPECT_EQ(result.at("text"), "cancelled");
    EXPECT_EQ(result.at("pending"), 0);
}

TEST(Rpc, BlockedHandlersDoNotDeadlockTheNode) {
    // Every request blocks in sync_rpc and the peer answers only once all of
    // them have sent their RPC: more requests than core threads would deadlock
    // a fixed-size pool, and a node that read on only one thread would never
    // read the replies.
    constexpr int kRequests = 64;
    NodeOptions options;
    options.core_threads = 2;
    BatchedPeer peer(kRequests);
    NodeHarness harness(options);
    peer.attach(harness);
    harness.node().handle("wait", [&](const Message& request) {
        harness.node().sync_rpc("n1", {{"type", "ping"}}, 30000ms);
        harness.node().reply(request, {{"type", "wait_ok"}});
    });
    harness.start();
    harness.init();
    for (int i = 0; i < kRequests; ++i) {
        harness.send("c1", "n0", {{"type", "wait"}, {"msg_id", i + 2}});
    }
    for (int i = 0; i < kRequests; ++i) {
        EXPECT_EQ(body_of(harness.next(30s)).at("type"), "wait_ok");
    }
    EXPECT_GT(harness.node().handler_thread_count(), 2u);
}

TEST(Rpc, CoroutineHandlersWaitWithoutHoldingThreads) {
    constexpr int kRequests = 50;
    NodeOptions options;
    options.core_threads = 1;
    options.max_threads = 1;
    BatchedPeer peer(kRequests);
    NodeHarness harness(options);
    peer.attach(harness);
    harness.node().handle("wait", [&](const Message& request) -> asio::awaitable<void> {
        json::object body{{"type", "ping"}};
        co_await harness.node().co_rpc("n1", body, 30000ms);
        json::object reply{{"type", "wait_ok"}};
        harness.node().reply(request, reply);
    });
    harness.start();
    harness.init();
    for (int i = 0; i < kRequests; ++i) {
        harness.send("c1", "n0", {{"type", "wait"}, {"msg_id", i + 2}});
    }
    for (int i = 0; i < kRequests; ++i) {
        EXPECT_EQ(body_of(harness.next(30s)).at("type"), "wait_ok");
    }
    EXPECT_EQ(harness.node().handler_thread_count(), 1u);
}

TEST(Rpc, RetryRepeatsIndefiniteFailuresUntilAReply) {
    NodeHarness harness;
    std::atomic<int> attempts{0};
    harness.set_responder([&](const json::object& envelope) {
        if (envelope.at("dest") != "n1") {
            return false;
        }
        if (++attempts < 3) {
            return true;
        }
        harness.send("n1", "n0",
                     {{"type", "pong"}, {"in_reply_to", envelope.at("body").at("msg_id")}});
        return true;
    });
    const auto result = call_in_handler(harness, [&] {
        RetryPolicy policy;
        policy.attempt_timeout = 30ms;
        policy.initial_backoff = 1ms;
        const auto reply = harness.node().sync_rpc_retry("n1", {{"type", "ping"}}, policy);
        return json::object{{"type", "done"}, {"reply", reply.type()}};
    });
    EXPECT_EQ(result.at("reply"), "pong");
    EXPECT_EQ(attempts.load(), 3);
}

TEST(Rpc, RetryStopsAtDefiniteErrorsAndAtTheAttemptLimit) {
    NodeHarness harness;
    std::atomic<int> attempts{0};
    harness.set_responder([&](const json::object& envelope) {
        if (envelope.at("dest") != "n1") {
            return false;
        }
        ++attempts;
        if (envelope.at("body").at("type") == "fail") {
            harness.send("n1", "n0",
                         {{"type", "error"},
                          {"code", 22},
                          {"in_reply_to", envelope.at("body").at("msg_id")}});
        }
        return true;
    });
    const auto result = call_in_handler(harness, [&] {
        json::object out{{"type", "done"}};
        RetryPolicy policy;
        policy.attempt_timeout = 20ms;
        policy.initial_backoff = 1ms;
        policy.max_attempts = 4;
        out["definite_code"] = failed_retry_code(harness, "fail", policy);
        out["definite_attempts"] = attempts.load();
        out["timeout_code"] = failed_retry_code(harness, "void", policy);
        out["total_attempts"] = attempts.load();
        return out;
    });
    EXPECT_EQ(result.at("definite_code"), 22);
    EXPECT_EQ(result.at("definite_attempts"), 1);
    EXPECT_EQ(result.at("timeout_code"), 0);
    EXPECT_EQ(result.at("total_attempts"), 5);
}

TEST(Rpc, CallbackRetryWrapperUsesTheSamePath) {
    NodeHarness harness;
    std::atomic<int> attempts{0};
    harness.set_responder([&](const json::object& envelope) {
        if (envelope.at("dest") != "n1") {
            return false;
        }
        if (++attempts < 2) {
            return true;
        }
        harness.send("n1", "n0",
                     {{"type", "pong"}, {"in_reply_to", envelope.at("body").at("msg_id")}});
        return true;
    });
    const auto result = call_in_handler(harness, [&] {
        RetryPolicy policy;
        policy.attempt_timeout = 30ms;
        policy.initial_backoff = 1ms;
        std::promise<std::string> type;
        harness.node().async_rpc_retry(
            "n1", {{"type", "ping"}}, policy, [&](std::exception_ptr error, Message reply) {
                type.set_value(error ? "error" : std::string(reply.type()));
            });
        return json::object{{"type", "done"}, {"reply", type.get_future().get()}};
    });
    EXPECT_EQ(result.at("reply"), "pong");
}

// A peer that never answers: only the deadline can end these retries in time, since
// one attempt alone would outlast the harness's wait.
TEST(Rpc, RetryDeadlineCutsTheAttemptAndEndsTheRetries) {
    NodeHarness harness;
    std::atomic<int> attempts{0};
    harness.set_responder(silent_peer(attempts));
    RetryPolicy policy;
    policy.attempt_timeout = 60s;
    harness.node().handle("co", [&](const Message& request) -> asio::awaitable<void> {
        std::int64_t code = -1;
        policy.deadline = std::chrono::steady_clock::now() + 200ms;
        try {
            json::object body{{"type", "void"}};
            co_await harness.node().co_rpc_retry("n1", body, policy);
        } catch (const rpc_error& e) {
            code = static_cast<std::int64_t>(e.code());
        }
        json::object reply{{"type", "co_ok"}, {"code", code}};
        harness.node().reply(request, reply);
    });
    const auto result = call_in_handler(harness, [&] {
        policy.deadline = std::chrono::steady_clock::now() + 200ms;
        const auto code = failed_retry_code(harness, "void", policy);
        return json::object{{"type", "done"}, {"code", code}, {"attempts", attempts.load()}};
    });
    EXPECT_EQ(result.at("code"), 0);
    EXPECT_EQ(result.at("attempts"), 1);
    harness.send("c1", "n0", {{"type", "co"}, {"msg_id", 3}});
    EXPECT_EQ(body_of(harness.next()).at("code"), 0);
    EXPECT_EQ(attempts.load(), 2);
}

TEST(Rpc, NoAttemptStartsAfterTheRetryDeadline) {
    NodeHarness harness;
    std::atomic<int> attempts{0};
    harness.set_responder(silent_peer(attempts));
    const auto result = call_in_handler(harness, [&] {
        RetryPolicy policy;
        policy.deadline = std::chrono::steady_clock::now() - 1ms;
        return json::object{{"type", "done"}, {"code", failed_retry_code(harness, "void", policy)}};
    });
    EXPECT_EQ(result.at("code"), 0);
    EXPECT_EQ(attempts.load(), 0);
}

TEST(RetryPolicy, ADeadlineEndsRetriesOfAnyCall) {
    RetryPolicy policy;
    policy.initial_backoff = 1ms;
    policy.max_backoff = 1ms;
    EXPECT_FALSE(policy.time_left());
    policy.deadline = std::chrono::steady_clock::now() + 50ms;
    int attempts = 0;
    // Turns a retry loop that ignores the deadline into a failure, not a hang.
    const auto give_up_at = policy.deadline + 1s;
    const auto fail = [&]() -> int {
        ++attempts;
        if (std::chrono::steady_clock::now() > give_up_at) {
            throw rpc_error(error_code::abort, "the deadline did not end the retries");
        }
        throw rpc_error(error_code::timeout, "no answer");
    };
    try {
        retry(fail, policy);
        ADD_FAILURE() << "retry returned";
    } catch (const rpc_error& e) {
        EXPECT_EQ(e.code(), error_code::timeout) << e.what();
    }
    EXPECT_GT(attempts, 1);
    EXPECT_EQ(policy.time_left(), 0ms);
    EXPECT_FALSE(policy.pause_before(2));
    attempts = 0;
    EXPECT_THROW(retry(fail, policy), rpc_error);
    EXPECT_EQ(attempts, 0);
    policy.deadline = std::chrono::steady_clock::now() + 60s;
    policy.initial_backoff = 10ms;
    EXPECT_LE(policy.pause_before(2), 10ms);
}

TEST(RetryPolicy, BackoffIsJitteredAndCapped) {
    RetryPolicy policy;
    policy.initial_backoff = 10ms;
    policy.max_backoff = 40ms;
    for (int i = 0; i < 100; ++i) {
        EXPECT_LE(policy.backoff(2), 10ms);
        EXPECT_LE(policy.backoff(20), 40ms);
    }
    EXPECT_TRUE(policy.retryable(rpc_error(error_code::timeout, "")));
    EXPECT_TRUE(policy.retryable(rpc_error(error_code::crash, "")));
    EXPECT_FALSE(policy.retryable(rpc_error(error_code::abort, "")));
}

TEST(Rpc, PendingRpcsFailWithTimeoutAtEndOfInput) {
    NodeOptions options;
    options.shutdown_grace = 100ms;
    NodeHarness harness(options);
    harness.set_responder([](const json::object& envelope) { return envelope.at("dest") == "n1"; });
    harness.node().handle("wait", [&](const Message& request) {
        try {
            harness.node().sync_rpc("n1", {{"type", "void"}}, 600000ms);
        } catch (const rpc_error& e) {
            harness.node().reply(
                request, {{"type", "wait_failed"}, {"code", static_cast<std::int64_t>(e.code())}});
        }
    });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "wait"}, {"msg_id", 2}});
    while (harness.node().pending_rpc_count() == 0) {
        std::this_thread::sleep_for(1ms);
    }
    harness.close_input();
    const auto reply = body_of(harness.next());
    EXPECT_EQ(reply.at("type"), "wait_failed");
    EXPECT_EQ(reply.at("code"), 0);
    EXPECT_TRUE(harness.wait_finished());
}

}  // namespace
}  // namespace maelstrom::testing
