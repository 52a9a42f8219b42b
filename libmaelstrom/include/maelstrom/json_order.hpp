#pragma once
// A total order on JSON values, so that std::set<json::value, json_less> and
// std::map<json::value, T, json_less> hold arbitrary elements (a g-set's).
// Boost.JSON itself provides equality and std::hash<json::value>, so
// std::unordered_set<json::value> needs nothing from here.
#include <boost/json.hpp>

namespace maelstrom {

namespace json = boost::json;

// Consistent with json::value's operator==: two values are equivalent exactly
// when they are equal. Kinds order as null < booleans < numbers < strings <
// arrays < objects; numbers by value, an integer before the double of the same
// value (1 and 1.0 are different values, as in Maelstrom); strings by bytes;
// arrays lexicographically; objects as their entries sorted by key.
int json_compare(const json::value& a, const json::value& b) noexcept;

struct json_less {
    bool operator()(const json::value& a, const json::value& b) const noexcept {
        return json_compare(a, b) < 0;
    }
};

}  // namespace maelstrom
