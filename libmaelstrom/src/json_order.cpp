#include "maelstrom/json_order.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace maelstrom {
namespace {

// Every JSON integer, int64 or uint64, fits; comparing through it keeps 2^63
// and -1 apart without special cases.
__extension__ using wide_int = __int128;

int sign_of(wide_int difference) noexcept {
    return difference < 0 ? -1 : (difference > 0 ? 1 : 0);
}

int kind_rank(const json::value& value) noexcept {
    switch (value.kind()) {
        case json::kind::null:
            return 0;
        case json::kind::bool_:
            return 1;
        case json::kind::int64:
        case json::kind::uint64:
        case json::kind::double_:
            return 2;
        case json::kind::string:
            return 3;
        case json::kind::array:
            return 4;
        case json::kind::object:
            return 5;
    }
    return 6;
}

wide_int integer_of(const json::value& value) noexcept {
    return value.is_int64() ? wide_int{value.get_int64()} : wide_int{value.get_uint64()};
}

// Exact: no integer is rounded to a double on the way.
int compare_integer_double(wide_int integer, double number) noexcept {
    if (std::isnan(number)) {
        return -1;
    }
    constexpr double two_to_the_64 = 18446744073709551616.0;
    if (number >= two_to_the_64) {
        return -1;
    }
    if (number < -two_to_the_64) {
        return 1;
    }
    const double whole = std::trunc(number);
    if (const int by_whole = sign_of(integer - static_cast<wide_int>(whole)); by_whole != 0) {
        return by_whole;
    }
    const double fraction = number - whole;
    if (fraction != 0) {
        return fraction > 0 ? -1 : 1;
    }
    // Equal in value but different JSON values: the integer comes first.
    return -1;
}

int compare_numbers(const json::value& a, const json::value& b) noexcept {
    if (!a.is_double() && !b.is_double()) {
        return sign_of(integer_of(a) - integer_of(b));
    }
    if (a.is_double() && b.is_double()) {
        const double x = a.get_double();
        const double y = b.get_double();
        if (std::isnan(x) || std::isnan(y)) {
            return std::isnan(x) == std::isnan(y) ? 0 : (std::isnan(x) ? 1 : -1);
        }
        return x < y ? -1 : (y < x ? 1 : 0);
    }
    if (a.is_double()) {
        return -compare_integer_double(integer_of(b), a.get_double());
    }
    return compare_integer_double(integer_of(a), b.get_double());
}

int compare_arrays(const json::array& a, const json::array& b) noexcept {
    const auto common = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < common; ++i) {
        if (const int order = json_compare(a[i], b[i]); order != 0) {
            return order;
        }
    }
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

std::vector<const json::key_value_pair*> sorted_entries(const json::object& object) {
    std::vector<const json::key_value_pair*> entries;
    entries.reserve(object.size());
    for (const auto& entry : object) {
        entries.push_back(&entry);
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto* x, const auto* y) { return x->key() < y->key(); });
    return entries;
}

// Objects compare by content, not insertion order, as their equality does.
int compare_objects(const json::object& a, const json::object& b) {
    const auto x = sorted_entries(a);
    const auto y = sorted_entries(b);
    const auto common = std::min(x.size(), y.size());
    for (std::size_t i = 0; i < common; ++i) {
        if (const int by_key = x[i]->key().compare(y[i]->key()); by_key != 0) {
            return by_key < 0 ? -1 : 1;
        }
        if (const int by_value = json_compare(x[i]->value(), y[i]->value()); by_value != 0) {
            return by_value;
        }
    }
    return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
}

}  // namespace

int json_compare(const json::value& a, const json::value& b) noexcept {
    const int rank_a = kind_rank(a);
    const int rank_b = kind_rank(b);
    if (rank_a != rank_b) {
        return rank_a < rank_b ? -1 : 1;
    }
    switch (a.kind()) {
        case json::kind::null:
            return 0;
        case json::kind::bool_:
            return static_cast<int>(a.get_bool()) - static_cast<int>(b.get_bool());
        case json::kind::string: {
            const int order = a.get_string().compare(b.get_string());
            return order < 0 ? -1 : (order > 0 ? 1 : 0);
        }
        case json::kind::array:
            return compare_arrays(a.get_array(), b.get_array());
        case json::kind::object:
            return compare_objects(a.get_object(), b.get_object());
        default:
            return compare_numbers(a, b);
    }
}

}  // namespace maelstrom
