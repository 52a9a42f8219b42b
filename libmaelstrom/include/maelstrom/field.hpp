#pragma once
// Converting request fields with errors a client can act on: a missing or
// mistyped field is the client's fault, so it becomes error 12
// (malformed-request, definite) whose text names the field and the type the
// node expected, instead of error 13 with Boost's internal message.
#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "maelstrom/error.hpp"

namespace maelstrom {

namespace json = boost::json;

namespace detail {

template <class T, template <class...> class Template>
struct is_instance_of : std::false_type {};
template <template <class...> class Template, class... Args>
struct is_instance_of<Template<Args...>, Template> : std::true_type {};

template <class T>
constexpr bool is_optional_v = is_instance_of<T, std::optional>::value;

// How the error text names what T accepts.
template <class T>
std::string_view expected_json() {
    if constexpr (std::is_same_v<T, bool>) {
        return "a boolean";
    } else if constexpr (std::is_integral_v<T>) {
        return "an integer";
    } else if constexpr (std::is_floating_point_v<T>) {
        return "a number";
    } else if constexpr (std::is_convertible_v<T, std::string_view> ||
                         std::is_same_v<T, json::string>) {
        return "a string";
    } else if constexpr (std::is_same_v<T, json::value>) {
        return "a JSON value";
    } else if constexpr (is_optional_v<T>) {
        return expected_json<typename T::value_type>();
    } else if constexpr (std::is_same_v<T, json::object> ||
                         boost::describe::has_describe_members<T>::value ||
                         is_instance_of<T, std::map>::value ||
                         is_instance_of<T, std::unordered_map>::value) {
        return "an object";
    } else if constexpr (std::is_same_v<T, json::array> || is_instance_of<T, std::vector>::value ||
                         is_instance_of<T, std::set>::value ||
                         is_instance_of<T, std::unordered_set>::value) {
        return "an array";
    } else {
        return "a value of another shape";
    }
}

// `the string "5"`, `an array of 3 elements`, ...: enough for the client to
// see what it sent without echoing a whole document.
std::string describe_json(const json::value& value);

[[noreturn]] void throw_missing_field(std::string_view field, std::string_view expected);
[[noreturn]] void throw_mistyped_field(std::string_view field, std::string_view expected,
                                       const json::value& got, std::string_view why);
[[noreturn]] void throw_mistyped_body(std::string_view expected, std::string_view why);

template <class T>
T convert_field(std::string_view field, const json::value& value) {
    if constexpr (std::is_same_v<T, json::value>) {
        return value;
    } else {
        auto converted = json::try_value_to<T>(value);
        if (!converted) {
            throw_mistyped_field(field, expected_json<T>(), value, converted.error().message());
        }
        return std::move(converted).value();
    }
}

template <class T>
T field_of(const json::object& body, std::string_view field) {
    const auto* value = body.if_contains(field);
    if (value == nullptr) {
        if constexpr (is_optional_v<T>) {
            return T{};
        } else {
            throw_missing_field(field, expected_json<T>());
        }
    }
    return convert_field<T>(field, *value);
}

// A described struct is filled member by member so that the error names the
// member that failed; the protocol's own keys (msg_id, type...) need no member.
template <class T>
T body_to(const json::object& body) {
    namespace describe = boost::describe;
    if constexpr (describe::has_describe_members<T>::value) {
        static_assert(std::is_default_constructible_v<T>,
                      "body_as<T> fills a default-constructed T member by member");
        T out{};
        boost::mp11::mp_for_each<
            describe::describe_members<T, describe::mod_public | describe::mod_inherited>>(
            [&](auto member) {
                using member_type = std::remove_cvref_t<decltype(out.*member.pointer)>;
                out.*member.pointer = field_of<member_type>(body, member.name);
            });
        return out;
    } else {
        auto converted = json::try_value_to<T>(json::value(body));
        if (!converted) {
            throw_mistyped_body(expected_json<T>(), converted.error().message());
        }
        return std::move(converted).value();
    }
}

}  // namespace detail

}  // namespace maelstrom
