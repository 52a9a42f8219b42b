#pragma once

#include <string>

namespace sim {

// While alive, the calling thread (the bench's event loop) runs under the real-time FIFO
// policy at the lowest real-time priority, when the process may use it (root or
// CAP_SYS_NICE); otherwise it stays as it was. Processes started meanwhile do not inherit
// the policy. A policy it raised is undone on destruction.
class LoopScheduling {
  public:
    LoopScheduling();
    ~LoopScheduling();
    LoopScheduling(const LoopScheduling&) = delete;
    LoopScheduling& operator=(const LoopScheduling&) = delete;

    // "fifo"; "fifo (as started)" or "rr (as started)" when the thread had a real-time
    // policy already (it is then left alone); or "normal (...)" with why it was not granted.
    const std::string& description() const { return description_; }

  private:
    bool raised_ = false;
    int previous_policy_ = 0;
    int previous_priority_ = 0;
    std::string description_;
};

}  // namespace sim
