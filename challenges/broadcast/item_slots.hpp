#pragma once
// Where each of one origin's items sits among a node's values. An origin numbers its
// broadcasts 1, 2, 3, ..., so the slots sit in a vector indexed by sequence number: 4 bytes
// an item. A number far above the highest seen so far (a peer's bug or a hostile message)
// goes to a small table instead, so no input can make the vector huge.
#include <boost/unordered/unordered_flat_map.hpp>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace broadcast {

class ItemSlots {
  public:
    // How far beyond the vector's end a sequence number may land and still extend it.
    static constexpr std::int64_t kDenseReach = 4096;

    void put(std::int64_t seq, std::uint32_t slot) {
        if (seq < 1) {
            throw std::out_of_range("sequence numbers start at 1, not " + std::to_string(seq));
        }
        const auto index = static_cast<std::size_t>(seq - 1);
        if (seq - 1 < static_cast<std::int64_t>(dense_.size()) + kDenseReach) {
            if (index >= dense_.size()) {
                dense_.resize(index + 1, kNone);
            }
            dense_[index] = slot;
        } else {
            sparse_[seq] = slot;
        }
    }

    std::uint32_t at(std::int64_t seq) const {
        const auto index = static_cast<std::size_t>(seq - 1);
        if (seq >= 1 && index < dense_.size() && dense_[index] != kNone) {
            return dense_[index];
        }
        return sparse_.at(seq);
    }

  private:
    static constexpr std::uint32_t kNone = UINT32_MAX;
    std::vector<std::uint32_t> dense_;
    boost::unordered_flat_map<std::int64_t, std::uint32_t> sparse_;
};

}  // namespace broadcast
