#pragma once
// A broadcast item's identity: the node that accepted it from a client, and that node's
// own counter (1, 2, 3, ...).
#include <compare>
#include <cstdint>
#include <string>

namespace broadcast {

struct ItemId {
    std::string origin;
    std::int64_t seq = 0;
    auto operator<=>(const ItemId&) const = default;
};

}  // namespace broadcast
