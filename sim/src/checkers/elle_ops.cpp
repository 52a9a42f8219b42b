#include "checkers/elle_ops.hpp"

#include <unordered_map>

namespace sim::elle {

PairedHistory pair_ops(const History& history) {
    PairedHistory out;
    // A process has at most one operation in flight, so its pending
    // invocation is the only candidate for its next completion.
    std::unordered_map<std::int64_t, std::size_t> pending;
    for (const auto& op : history) {
        if (op.process == kNemesisProcess) {
            continue;
        }
        if (op.type == OpType::invoke) {
            pending[op.process] = out.ops.size();
            out.ops.push_back(PairedOp{&op, nullptr});
            continue;
        }
        auto it = pending.find(op.process);
        if (it == pending.end()) {
            ++out.orphans;
            continue;
        }
        out.ops[it->second].completion = &op;
        pending.erase(it);
    }
    return out;
}

}  // namespace sim::elle
