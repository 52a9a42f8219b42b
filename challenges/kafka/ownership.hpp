#pragma once
// Which node owns (assigns the offsets of) a key. Every node computes the
// same answer from the cluster membership in init, so no coordination is
// needed.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kafka {

// FNV-1a: stable across processes and platforms, unlike std::hash.
inline std::uint64_t stable_hash(std::string_view text) noexcept {
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

// node_ids must be non-empty and in the same order on every node.
inline const std::string& owner_of(std::string_view key, const std::vector<std::string>& node_ids) {
    return node_ids[stable_hash(key) % node_ids.size()];
}

}  // namespace kafka
