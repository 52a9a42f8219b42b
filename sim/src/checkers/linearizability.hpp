#pragma once
// Linearizability of a compare-and-set register history (Knossos's
// cas-register model), decided with the Wing-Gong-Lowe search.
#include <cstdint>
#include <optional>
#include <vector>

#include "run/history.hpp"

namespace sim {

// One operation on one register: reads carry the value read (nullopt = null),
// writes the value written, cas its from/to.
struct RegisterOp {
    enum class Kind { read, write, cas };
    Kind kind = Kind::read;
    std::optional<std::int64_t> value;  // read: value read; write: value written
    std::int64_t from = 0;              // cas
    std::int64_t to = 0;                // cas
    std::int64_t invoke_index = 0;      // position of the invocation in the history
    // Position of the completion; nullopt for :info ops, which may take
    // effect at any time after their invocation, or never.
    std::optional<std::int64_t> complete_index;
};

struct LinearizabilityResult {
    Validity valid = Validity::valid;
    std::int64_t explored = 0;  // search steps used
};

// `budget` bounds the search; when it runs out the result is unknown.
LinearizabilityResult check_cas_register(const std::vector<RegisterOp>& ops,
                                         std::int64_t budget = 20'000'000);

}  // namespace sim
