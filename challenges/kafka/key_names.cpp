#include "key_names.hpp"

#include <limits>
#include <stdexcept>

namespace kafka {

namespace {

// The value of a name that is a decimal integer written the one way to_string writes it (no
// sign, no leading zero), small enough to leave the top bit of a code free.
std::optional<std::uint64_t> canonical_decimal(std::string_view name) {
    constexpr std::size_t max_digits = 18;
    if (name.empty() || name.size() > max_digits || (name.size() > 1 && name.front() == '0')) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (const char c : name) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

}  // namespace

std::uint32_t KeyNames::number_of(std::string_view key) {
    if (auto found = find(key)) {
        return *found;
    }
    if (codes_.size() == std::numeric_limits<std::uint32_t>::max()) {
        throw std::length_error("a node holds at most 2^32 - 1 keys");
    }
    const auto number = static_cast<std::uint32_t>(codes_.size());
    if (const auto decimal = canonical_decimal(key)) {
        decimals_.emplace(*decimal, number);
        codes_.push_back(*decimal);
    } else {
        const std::string& name = other_names_.emplace_back(key);
        others_.emplace(name, number);
        codes_.push_back(other_name | (other_names_.size() - 1));
    }
    return number;
}

std::optional<std::uint32_t> KeyNames::find(std::string_view key) const {
    if (const auto decimal = canonical_decimal(key)) {
        const auto found = decimals_.find(*decimal);
        return found == decimals_.end() ? std::nullopt : std::optional(found->second);
    }
    const auto found = others_.find(key);
    return found == others_.end() ? std::nullopt : std::optional(found->second);
}

std::string KeyNames::name(std::uint32_t number) const {
    const std::uint64_t code = codes_.at(number);
    if ((code & other_name) != 0) {
        return other_names_[code & ~other_name];
    }
    return std::to_string(code);
}

}  // namespace kafka
