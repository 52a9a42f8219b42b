#pragma once
// The values a broadcast node holds, each once, in the order first seen: the array a read
// returns. A node keeps every value for as long as it runs, so the index that finds a
// value's slot holds only the slot (4 bytes) and reaches the value through the array.
// Integers compare by number whichever way JSON holds them; any other value by its text.
#include <boost/container_hash/hash.hpp>
#include <boost/json.hpp>
#include <boost/unordered/unordered_flat_set.hpp>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace broadcast {

namespace json = boost::json;

class DistinctValues {
  public:
    DistinctValues() = default;
    // A copy would share the array with the original.
    DistinctValues(const DistinctValues&) = delete;
    DistinctValues& operator=(const DistinctValues&) = delete;
    DistinctValues(DistinctValues&&) noexcept = default;
    DistinctValues& operator=(DistinctValues&&) noexcept = default;

    // The value's slot, and whether it was new.
    std::pair<std::uint32_t, bool> insert(const json::value& value) {
        if (const auto found = slots_.find(value); found != slots_.end()) {
            return {*found, false};
        }
        const auto slot = static_cast<std::uint32_t>(values_->size());
        values_->push_back(value);
        slots_.insert(slot);
        return {slot, true};
    }

    const json::value& operator[](std::uint32_t slot) const { return (*values_)[slot]; }
    const json::array& all() const noexcept { return *values_; }

    // An integer that int64 holds, whichever way it is stored (the parser picks uint64 only
    // above INT64_MAX, but a value built in code may be uint64 and still equal an int64 one).
    static std::optional<std::int64_t> as_int64(const json::value& value) {
        if (value.is_int64()) {
            return value.get_int64();
        }
        if (value.is_uint64() &&
            value.get_uint64() <=
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return static_cast<std::int64_t>(value.get_uint64());
        }
        return std::nullopt;
    }

  private:
    // The index's functors look slots up in the array; it lives on the heap so that moving
    // a DistinctValues leaves them pointing at the right one.
    using Values = std::shared_ptr<const json::array>;

    static std::size_t hash_of(const json::value& value) {
        if (const auto integer = as_int64(value)) {
            return boost::hash<std::int64_t>{}(*integer);
        }
        return boost::hash<std::string>{}(json::serialize(value));
    }

    static bool same(const json::value& a, const json::value& b) {
        const auto ia = as_int64(a);
        const auto ib = as_int64(b);
        if (ia || ib) {
            return ia == ib;
        }
        return json::serialize(a) == json::serialize(b);
    }

    struct SlotHash {
        using is_transparent = void;
        Values values;
        std::size_t operator()(std::uint32_t slot) const { return hash_of((*values)[slot]); }
        std::size_t operator()(const json::value& value) const { return hash_of(value); }
    };

    struct SlotEqual {
        using is_transparent = void;
        Values values;
        bool operator()(std::uint32_t a, std::uint32_t b) const { return a == b; }
        bool operator()(const json::value& value, std::uint32_t slot) const {
            return same(value, (*values)[slot]);
        }
        bool operator()(std::uint32_t slot, const json::value& value) const {
            return same(value, (*values)[slot]);
        }
    };

    std::shared_ptr<json::array> values_ = std::make_shared<json::array>();
    boost::unordered_flat_set<std::uint32_t, SlotHash, SlotEqual> slots_{0, SlotHash{values_},
                                                                         SlotEqual{values_}};
};

}  // namespace broadcast
