#pragma once
// One Maelstrom message: {"src": ..., "dest": ..., "body": {...}}.
#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

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

    // The body converted with boost::json::value_to<T>. For a described
    // struct only its members' keys are converted, so protocol keys such as
    // msg_id need no member (Boost.JSON alone rejects any extra key).
    // Throws boost::system::system_error when a member is missing or mistyped.
    template <class T>
    T body_as() const {
        namespace describe = boost::describe;
        if constexpr (describe::has_describe_members<T>::value) {
            json::object fields;
            boost::mp11::mp_for_each<
                describe::describe_members<T, describe::mod_public | describe::mod_inherited>>(
                [&](auto member) {
                    if (const auto* value = body.if_contains(member.name)) {
                        fields.emplace(member.name, *value);
                    }
                });
            return json::value_to<T>(json::value(std::move(fields)));
        } else {
            return json::value_to<T>(json::value(body));
        }
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
