#include "workloads/txn_generator.hpp"

#include <algorithm>
#include <cmath>

namespace sim {

TxnSource::TxnSource(TxnGeneratorOptions options) : options_(options) {
    options_.key_count = std::max(1, options_.key_count);
    options_.max_txn_length = std::max(1, options_.max_txn_length);
    options_.max_writes_per_key = std::max(1, options_.max_writes_per_key);
    for (int k = 0; k < options_.key_count; ++k) {
        pool_.push_back(k);
    }
    max_key_ = options_.key_count - 1;
}

// Slot i has probability 2^i / (2^K - 1): the newest keys are the hottest.
std::size_t TxnSource::pick_slot(Rng& rng) const {
    const auto k = pool_.size();
    if (k > 60) {
        // 2^K overflows; the same distribution is a fair-coin walk down from the top slot.
        std::size_t slot = k - 1;
        while (slot > 0 && uniform_int(rng, 0, 1) == 0) {
            --slot;
        }
        return slot;
    }
    const double total = std::ldexp(1.0, static_cast<int>(k)) - 1.0;
    const double x = uniform_unit(rng) * total;
    const auto slot = static_cast<std::size_t>(std::floor(std::log2(x + 1.0)));
    return std::min(slot, k - 1);
}

TxnMicroOp TxnSource::next_mop(Rng& rng) {
    for (;;) {
        const bool write = uniform_int(rng, 0, 1) == 1;
        const auto slot = pick_slot(rng);
        const auto key = pool_[slot];
        if (!write) {
            return TxnMicroOp{false, key, 0};
        }
        auto& next = next_value_.try_emplace(key, 1).first->second;
        if (next > options_.max_writes_per_key) {
            next_value_.erase(key);
            pool_[slot] = ++max_key_;
            continue;
        }
        return TxnMicroOp{true, key, next++};
    }
}

std::vector<TxnMicroOp> TxnSource::next_txn(Rng& rng) {
    const auto length = uniform_int(rng, 1, options_.max_txn_length);
    std::vector<TxnMicroOp> txn;
    txn.reserve(static_cast<std::size_t>(length));
    for (std::int64_t i = 0; i < length; ++i) {
        txn.push_back(next_mop(rng));
    }
    return txn;
}

}  // namespace sim
