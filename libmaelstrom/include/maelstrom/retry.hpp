#pragma once
// At-least-once retries with exponential backoff and jitter, for the
// synchronous and coroutine styles (Node::async_rpc_retry covers callbacks).
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <thread>

#include "maelstrom/error.hpp"

namespace maelstrom {

struct RetryPolicy {
    // 0 retries until success or a non-retryable error (at-least-once).
    std::size_t max_attempts = 0;
    // Deadline of each attempt; 0 uses the node's default RPC timeout.
    std::chrono::milliseconds attempt_timeout{0};
    std::chrono::milliseconds initial_backoff{20};
    std::chrono::milliseconds max_backoff{1000};
    double multiplier = 2.0;
    // Decides whether an error is worth another attempt; when empty, only
    // indefinite errors (timeout, crash, unknown codes) are retried, since a
    // definite error would only repeat.
    std::function<bool(const rpc_error&)> should_retry;
    // When set, no attempt starts after it (the first included), a backoff that would end past
    // it ends the retries instead, and Node's retrying RPCs cut each attempt's timeout to what
    // is left. Timers run late on a loaded machine, so a budget counted as attempts times their
    // timeout can overrun by the sum of those delays, a deadline by one at most. Setting it
    // from the request (`request.received + 4s`) also counts the time the request waited.
    std::chrono::steady_clock::time_point deadline{};

    bool retryable(const rpc_error& error) const;
    // Backoff before attempt number `attempt` (1-based, >= 2): exponential,
    // capped at max_backoff, with "full jitter" so that nodes that failed
    // together do not retry in lockstep.
    std::chrono::milliseconds backoff(std::size_t attempt) const;
    bool exhausted(std::size_t attempts_made) const noexcept {
        return max_attempts != 0 && attempts_made >= max_attempts;
    }
    // Throws a timeout error once the deadline has passed, so that no attempt starts after it.
    void check_deadline() const;
    // Time left before the deadline (never negative), or nullopt without one.
    std::optional<std::chrono::milliseconds> time_left() const;
    // The pause before attempt number `attempt`, or nullopt when the deadline leaves no room
    // for that attempt to start.
    std::optional<std::chrono::milliseconds> pause_before(std::size_t attempt) const;
};

// Calls attempt() until it returns, sleeping the calling thread between
// attempts. Non-retryable errors and the last error propagate.
template <class F>
auto retry(F&& attempt, const RetryPolicy& policy = {}) -> decltype(attempt()) {
    std::optional<std::chrono::milliseconds> pause;
    for (std::size_t made = 1;; ++made) {
        try {
            policy.check_deadline();
            return attempt();
        } catch (const rpc_error& error) {
            if (policy.exhausted(made) || !policy.retryable(error)) {
                throw;
            }
            pause = policy.pause_before(made + 1);
            if (!pause) {
                throw;
            }
        }
        std::this_thread::sleep_for(*pause);
    }
}

// Coroutine form: attempt() returns an awaitable; backoff waits on a timer of
// the coroutine's executor, so no thread is blocked.
template <class F>
auto co_retry(F attempt, RetryPolicy policy = {}) -> decltype(attempt()) {
    std::optional<std::chrono::milliseconds> pause;
    for (std::size_t made = 1;; ++made) {
        try {
            policy.check_deadline();
            co_return co_await attempt();
        } catch (const rpc_error& error) {
            if (policy.exhausted(made) || !policy.retryable(error)) {
                throw;
            }
            pause = policy.pause_before(made + 1);
            if (!pause) {
                throw;
            }
        }
        boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, *pause);
        co_await timer.async_wait(boost::asio::use_awaitable);
    }
}

}  // namespace maelstrom
