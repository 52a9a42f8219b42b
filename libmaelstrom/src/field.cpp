#include "maelstrom/field.hpp"

namespace maelstrom::detail {
namespace {

// Long enough to show a mistyped scalar, short enough that a huge document
// does not end up in an error reply.
constexpr std::size_t kShownChars = 40;

std::string shown(const json::value& value) {
    auto text = json::serialize(value);
    if (text.size() > kShownChars) {
        text.resize(kShownChars);
        text += "...";
    }
    return text;
}

}  // namespace

std::string describe_json(const json::value& value) {
    switch (value.kind()) {
        case json::kind::null:
            return "null";
        case json::kind::bool_:
            return value.get_bool() ? "true" : "false";
        case json::kind::int64:
        case json::kind::uint64:
            return "the integer " + shown(value);
        case json::kind::double_:
            return "the number " + shown(value);
        case json::kind::string:
            return "the string " + shown(value);
        case json::kind::array:
            return "an array of " + std::to_string(value.get_array().size()) + " elements";
        case json::kind::object:
            return "an object with " + std::to_string(value.get_object().size()) + " keys";
    }
    return "a JSON value";
}

void throw_missing_field(std::string_view field, std::string_view expected) {
    throw rpc_error(error_code::malformed_request, "request has no field \"" + std::string(field) +
                                                       "\" (" + std::string(expected) +
                                                       " expected)");
}

void throw_mistyped_field(std::string_view field, std::string_view expected, const json::value& got,
                          std::string_view why) {
    std::string what = "field \"" + std::string(field) + "\" must be " + std::string(expected) +
                       ", not " + describe_json(got);
    // Boost's reason adds what the kind alone does not say, e.g. an integer out of range.
    if (!why.empty()) {
        what += " (" + std::string(why) + ")";
    }
    throw rpc_error(error_code::malformed_request, std::move(what));
}

void throw_mistyped_body(std::string_view expected, std::string_view why) {
    throw rpc_error(error_code::malformed_request, "request body must be " + std::string(expected) +
                                                       " (" + std::string(why) + ")");
}

}  // namespace maelstrom::detail
