#include "maelstrom/retry.hpp"

#include <algorithm>
#include <random>

namespace maelstrom {

bool RetryPolicy::retryable(const rpc_error& error) const {
    if (should_retry) {
        return should_retry(error);
    }
    return !error.definite();
}

std::chrono::milliseconds RetryPolicy::backoff(std::size_t attempt) const {
    double ceiling = static_cast<double>(initial_backoff.count());
    for (std::size_t i = 2; i < attempt && ceiling < static_cast<double>(max_backoff.count());
         ++i) {
        ceiling *= multiplier;
    }
    ceiling = std::min(ceiling, static_cast<double>(max_backoff.count()));
    if (ceiling <= 0) {
        return std::chrono::milliseconds(0);
    }
    thread_local std::mt19937_64 random{std::random_device{}()};
    std::uniform_real_distribution<double> jitter(0.0, ceiling);
    return std::chrono::milliseconds(static_cast<std::int64_t>(jitter(random)));
}

void RetryPolicy::check_deadline() const {
    if (const auto left = time_left(); left && left->count() <= 0) {
        throw rpc_error(error_code::timeout, "the retry deadline passed before an attempt");
    }
}

std::optional<std::chrono::milliseconds> RetryPolicy::time_left() const {
    if (deadline == std::chrono::steady_clock::time_point{}) {
        return std::nullopt;
    }
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return std::max(left, std::chrono::milliseconds(0));
}

std::optional<std::chrono::milliseconds> RetryPolicy::pause_before(std::size_t attempt) const {
    auto pause = backoff(attempt);
    if (const auto left = time_left()) {
        if (*left <= pause) {
            return std::nullopt;
        }
    }
    return pause;
}

}  // namespace maelstrom
