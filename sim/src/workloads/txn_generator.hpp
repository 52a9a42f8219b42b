#pragma once
// Elle's transaction generator (wr-txns), shared by txn-rw-register and
// kafka: a pool of active keys with exponentially skewed popularity, values
// 1, 2, 3, ... per key, and keys retired after --max-writes-per-key writes.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "run/rng.hpp"

namespace sim {

struct TxnGeneratorOptions {
    int key_count = 10;
    int max_txn_length = 4;
    int max_writes_per_key = 16;
};

struct TxnMicroOp {
    bool write = false;
    std::int64_t key = 0;
    std::int64_t value = 0;  // writes only
};

class TxnSource {
  public:
    explicit TxnSource(TxnGeneratorOptions options);
    // A transaction of uniformly random length in [1, max_txn_length].
    std::vector<TxnMicroOp> next_txn(Rng& rng);
    // One micro-op (what kafka turns into a send or a poll).
    TxnMicroOp next_mop(Rng& rng);

  private:
    std::size_t pick_slot(Rng& rng) const;

    TxnGeneratorOptions options_;
    std::vector<std::int64_t> pool_;
    std::unordered_map<std::int64_t, std::int64_t> next_value_;
    std::int64_t max_key_ = 0;
};

}  // namespace sim
