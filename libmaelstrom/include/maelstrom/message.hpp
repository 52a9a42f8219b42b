#pragma once
// One Maelstrom message: {"src": ..., "dest": ..., "body": {...}}.
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "maelstrom/field.hpp"

namespace maelstrom {

namespace json = boost::json;

struct Message {
    std::string src;
    std::string dest;
    json::object body;
    // When the node read the message from stdin; unset (the epoch) for a message built in code.
    std::chrono::steady_clock::time_point received{};

    // body.type, or an empty view when absent or not a string.
    std::string_view type() const noexcept;
    // body.msg_id / body.in_reply_to when present and an integer.
    std::optional<std::int64_t> msg_id() const noexcept;
    std::optional<std::int64_t> in_reply_to() const noexcept;

    // Maelstrom client ids start with 'c' (protocol.md section 2).
    bool from_client() const noexcept { return !src.empty() && src.front() == 'c'; }

    // body[field] converted with boost::json::value_to<T>. A missing or mistyped
    // field throws rpc_error(malformed_request) naming the field and the type
    // expected; thrown from a handler, that is the client's error-12 reply.
    template <class T = json::value>
    T get(std::string_view field) const {
        return detail::field_of<T>(body, field);
    }
    // As get, but a missing (or null) field yields `fallback`; a mistyped one still throws.
    template <class T>
    T get_or(std::string_view field, T fallback) const {
        const auto* value = body.if_contains(field);
        if (value == nullptr || value->is_null()) {
            return fallback;
        }
        return detail::convert_field<T>(field, *value);
    }

    // The body converted to T. For a described struct only its members' keys
    // are read, so protocol keys such as msg_id need no member (Boost.JSON alone
    // rejects any extra key); a std::optional member may be missing. Failures
    // throw rpc_error(malformed_request) naming the member, as get() does.
    template <class T>
    T body_as() const {
        return detail::body_to<T>(body);
    }
};

// Converts any value_from-convertible T (a described struct, a map...) into a
// message body; throws std::invalid_argument unless it becomes a JSON object.
template <class T>
json::object make_body(const T& value) {
    json::value v = json::value_from(value);
    if (!v.is_object()) {
        throw std::invalid_argument("a message body must convert to a JSON object");
    }
    return std::move(v.as_object());
}

// Envelope conversions. Reading ignores unknown top-level keys (Maelstrom adds
// "id") and throws std::invalid_argument naming the missing or mistyped field.
void tag_invoke(const json::value_from_tag&, json::value& out, const Message& message);
Message tag_invoke(const json::value_to_tag<Message>&, const json::value& in);

// One line of output (no trailing newline).
std::string serialize(const Message& message);

}  // namespace maelstrom
