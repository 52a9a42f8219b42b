#pragma once
// Numbers a node's keys in order of first sight, so that per-key state can sit in tables
// indexed by number. The workload's keys are decimal integers ("0", "1", ...); such a name is
// kept as its value, not as a string. Any other name works too and is kept once.
#include <boost/unordered/unordered_flat_map.hpp>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace kafka {

class KeyNames {
  public:
    KeyNames() = default;
    KeyNames(const KeyNames&) = delete;
    KeyNames& operator=(const KeyNames&) = delete;

    // The key's number, numbering it if it is new.
    std::uint32_t number_of(std::string_view key);
    std::optional<std::uint32_t> find(std::string_view key) const;
    std::string name(std::uint32_t number) const;
    std::size_t size() const noexcept { return codes_.size(); }

  private:
    // A code is a canonical decimal name's value, or other_name plus the name's index in
    // other_names_.
    static constexpr std::uint64_t other_name = std::uint64_t{1} << 63;

    std::deque<std::uint64_t> codes_;  // by number
    boost::unordered_flat_map<std::uint64_t, std::uint32_t> decimals_;
    // A deque, so that the views in others_ stay valid as it grows.
    std::deque<std::string> other_names_;
    boost::unordered_flat_map<std::string_view, std::uint32_t> others_;
};

}  // namespace kafka
