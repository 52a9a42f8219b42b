#include "network/loop_cpu_clock.hpp"

#include <algorithm>
#include <ctime>

namespace sim {

void LoopCpuClock::mark() {
    mark(Clock::now(), thread_cpu_now());
}

void LoopCpuClock::mark(Clock::time_point wall, std::chrono::nanoseconds cpu) {
    marks_.push_back(Mark{wall, cpu});
    while (marks_.size() > 1 && marks_.front().wall < wall - kKept) {
        marks_.pop_front();
    }
}

std::chrono::nanoseconds LoopCpuClock::used_since(Clock::time_point since,
                                                  std::chrono::nanoseconds cpu_now) const {
    auto after = std::upper_bound(marks_.begin(), marks_.end(), since,
                                  [](Clock::time_point t, const Mark& m) { return t < m.wall; });
    if (after == marks_.begin()) {
        return std::chrono::nanoseconds::max();
    }
    return std::max(cpu_now - std::prev(after)->cpu, std::chrono::nanoseconds{0});
}

std::chrono::nanoseconds LoopCpuClock::thread_cpu_now() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec);
}

}  // namespace sim
