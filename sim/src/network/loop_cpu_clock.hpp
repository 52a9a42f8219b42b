#pragma once

#include <chrono>
#include <deque>

namespace sim {

// Tells how much of a stretch of wall-clock time the event loop spent running: the loop
// marks the end of every handler with the wall clock and its thread's CPU time, and a late
// delivery asks how much CPU the loop used since the moment it was due. That part of the
// lateness is the bench's own work; the rest is time the machine did not run the loop
// (a timer interrupt that came late, a virtual CPU that was not scheduled).
class LoopCpuClock {
  public:
    using Clock = std::chrono::steady_clock;

    // The loop has just finished a handler.
    void mark();
    void mark(Clock::time_point wall, std::chrono::nanoseconds cpu);

    // CPU time the loop used from `since` until its CPU clock read `cpu_now`, counted from the
    // latest mark at or before `since` (so it errs towards blaming the bench). Unknown, and
    // then nanoseconds::max(), when `since` precedes every mark kept.
    std::chrono::nanoseconds used_since(Clock::time_point since,
                                        std::chrono::nanoseconds cpu_now) const;

    static std::chrono::nanoseconds thread_cpu_now();

  private:
    struct Mark {
        Clock::time_point wall;
        std::chrono::nanoseconds cpu;
    };
    // Marks older than this are dropped; a delivery later than this is blamed on the bench
    // in full.
    static constexpr std::chrono::seconds kKept{2};
    std::deque<Mark> marks_;
};

}  // namespace sim
