#pragma once
// Joins each invocation with its completion. Checkers reason about whole
// operations (what was asked, how it ended, when it started and finished),
// while the history records the two halves separately.
#include <cstddef>
#include <vector>

#include "run/history.hpp"

namespace sim::elle {

struct PairedOp {
    const Op* invoke = nullptr;
    // nullptr when the operation never completed: it may or may not have
    // taken effect, exactly like an :info completion.
    const Op* completion = nullptr;

    OpType outcome() const { return completion == nullptr ? OpType::info : completion->type; }
    // The value that describes what happened: the completion's for :ok, the
    // invocation's otherwise (a failed or indefinite op has no result).
    const boost::json::value& value() const {
        return outcome() == OpType::ok ? completion->value : invoke->value;
    }
    std::int64_t invoke_index() const { return invoke->index; }
    std::int64_t complete_index() const {
        return completion == nullptr ? invoke->index : completion->index;
    }
};

// Worker operations (never the nemesis's) in invocation order. Completions
// without a matching invocation are dropped and counted in `orphans`.
struct PairedHistory {
    std::vector<PairedOp> ops;
    std::size_t orphans = 0;
};

PairedHistory pair_ops(const History& history);

}  // namespace sim::elle
