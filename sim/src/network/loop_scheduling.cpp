#include "network/loop_scheduling.hpp"

#include <sched.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sim {

// On a machine with few cores the nodes keep every core busy, and a woken bench thread of
// ordinary priority may wait milliseconds for one; each message it holds is then late by
// as much. The loop sleeps between events, so the real-time policy costs the nodes only the
// CPU the bench uses anyway. SCHED_RESET_ON_FORK keeps the nodes it spawns ordinary.
LoopScheduling::LoopScheduling() {
    previous_policy_ = std::max(::sched_getscheduler(0), 0);  // SCHED_OTHER if unknown
    sched_param previous{};
    ::sched_getparam(0, &previous);
    previous_priority_ = previous.sched_priority;

    const int policy = previous_policy_ & ~SCHED_RESET_ON_FORK;
    if (policy == SCHED_FIFO || policy == SCHED_RR) {
        description_ = policy == SCHED_FIFO ? "fifo (as started)" : "rr (as started)";
        return;  // the user chose a real-time policy already; keep it
    }
    sched_param param{};
    param.sched_priority = ::sched_get_priority_min(SCHED_FIFO);
    if (::sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &param) == 0) {
        raised_ = true;
        description_ = "fifo";
    } else {
        description_ =
            std::string("normal (real-time policy not granted: ") + std::strerror(errno) + ")";
    }
}

LoopScheduling::~LoopScheduling() {
    if (raised_) {
        sched_param param{};
        param.sched_priority = previous_priority_;
        ::sched_setscheduler(0, previous_policy_, &param);
    }
}

}  // namespace sim
