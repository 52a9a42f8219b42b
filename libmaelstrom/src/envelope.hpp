#pragma once
// Moving conversions between parsed JSON and Message on the hot path (the
// public tag_invoke overloads copy).
#include <cstdint>
#include <optional>
#include <string>

#include "maelstrom/message.hpp"

namespace maelstrom::detail {

// Takes src, dest and body out of `envelope`; throws std::invalid_argument
// naming the missing or mistyped field.
Message take_message(json::value&& envelope);

// Appends the message as one JSON line (with '\n') to `out`, adding
// body.in_reply_to when given.
void append_line(std::string& out, std::string_view src, std::string_view dest, json::object&& body,
                 std::optional<std::int64_t> in_reply_to = std::nullopt);

}  // namespace maelstrom::detail
