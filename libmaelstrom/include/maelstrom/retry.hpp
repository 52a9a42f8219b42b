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

    bool retryable(const rpc_error& error) const;
    // Backoff before attempt number `attempt` (1-based, >= 2): exponential,
    // capped at max_backoff, with "full jitter" so that nodes that failed
    // together do not retry in lockstep.
    std::chrono::milliseconds backoff(std::size_t attempt) const;
    bool exhausted(std::size_t attempts_made) const noexcept {
        return max_attempts != 0 && attempts_made >= max_attempts;
    }
};

// Calls attempt() until it returns, sleeping the calling thread between
// attempts. Non-retryable errors and the last error propagate.
template <class F>
auto retry(F&& attempt, const RetryPolicy& policy = {}) -> decltype(attempt()) {
    for (std::size_t made = 1;; ++made) {
        try {
            return attempt();
        } catch (const rpc_error& error) {
            if (policy.exhausted(made) || !policy.retryable(error)) {
                throw;
            }
        }
        std::this_thread::sleep_for(policy.backoff(made + 1));
    }
}

// Coroutine form: attempt() returns an awaitable; backoff waits on a timer of
// the coroutine's executor, so no thread is blocked.
template <class F>
auto co_retry(F attempt, RetryPolicy policy = {}) -> decltype(attempt()) {
    for (std::size_t made = 1;; ++made) {
        try {
            co_return co_await attempt();
        } catch (const rpc_error& error) {
            if (policy.exhausted(made) || !policy.retryable(error)) {
                throw;
            }
        }
        boost::asio::steady_timer pause(co_await boost::asio::this_coro::executor,
                                        policy.backoff(made + 1));
        co_await pause.async_wait(boost::asio::use_awaitable);
    }
}

}  // namespace maelstrom
