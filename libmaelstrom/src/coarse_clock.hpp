#pragma once
// The steady clock read at its coarse resolution (a few milliseconds), which
// costs a fraction of a precise read: enough for the client reply deadline,
// which has 100 ms of slack, and cheap enough to stamp every request.
#include <time.h>

#include <chrono>

namespace maelstrom::detail {

inline std::chrono::steady_clock::time_point coarse_steady_now() noexcept {
    // steady_clock is CLOCK_MONOTONIC, which the coarse clock follows a tick behind at most.
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    return std::chrono::steady_clock::time_point(std::chrono::seconds(now.tv_sec) +
                                                 std::chrono::nanoseconds(now.tv_nsec));
}

}  // namespace maelstrom::detail
