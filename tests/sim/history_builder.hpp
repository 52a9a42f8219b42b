#pragma once
// Builds hand-written histories for checker tests.
#include "run/history.hpp"

namespace simtest {

class HistoryBuilder {
  public:
    // Appends an op at time `ms` and returns its index.
    std::int64_t add(std::int64_t process, sim::OpType type, const std::string& f,
                     boost::json::value value, std::int64_t ms, bool final = false) {
        sim::Op op;
        op.index = static_cast<std::int64_t>(history_.size());
        op.time_ns = ms * 1'000'000;
        op.process = process;
        op.type = type;
        op.f = f;
        op.value = std::move(value);
        op.final = final;
        history_.push_back(std::move(op));
        return history_.back().index;
    }
    const sim::History& history() const { return history_; }

  private:
    sim::History history_;
};

}  // namespace simtest
