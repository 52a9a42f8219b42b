#pragma once
// Splits a byte stream into lines and parses each line as one Maelstrom
// envelope, incrementally: a line may arrive in any number of pieces and be of
// any length. src and dest are read straight into the Message and the body is
// built as the Message's object, so no JSON object is built for the envelope
// itself. Parser memory is reused from line to line.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "maelstrom/message.hpp"

namespace maelstrom::detail {

// A line that is valid JSON but not a valid envelope, with what could still
// be read of it (so that the sender can be told).
struct MalformedEnvelope {
    std::string reason;
    std::optional<std::string> src;
    std::optional<std::string> dest;
    std::optional<json::object> body;
};

// What the parser saw at the top level of a body while it built it, so that routing need not
// look these keys up in the object again. Each reads as the Message accessor of the same name
// would; they are to be trusted only when `exact`, which a key that repeats, a key or type
// string that arrives in pieces, or a type longer than the room kept for it clears (the object
// is then asked instead). Plain data, so copying it costs no allocation.
struct BodyFacts {
    static constexpr std::size_t type_room = 30;

    bool exact = true;
    std::uint8_t type_size = 0;
    std::array<char, type_room> type_chars{};
    std::optional<std::int64_t> msg_id;
    std::optional<std::int64_t> in_reply_to;

    std::string_view type() const noexcept { return {type_chars.data(), type_size}; }
};

class LineParser {
  public:
    // The message handed to this sink stays in the parser, untouched, until the next line is
    // parsed, so the sink may note where it is and move it out later.
    using on_message = std::function<void(Message&&, std::size_t line_number)>;
    using on_malformed = std::function<void(MalformedEnvelope&&, std::size_t line_number)>;
    using on_error = std::function<void(const std::string& reason, std::size_t line_number)>;

    LineParser(std::size_t max_depth, on_message message_sink, on_malformed malformed_sink,
               on_error error_sink);
    ~LineParser();
    LineParser(const LineParser&) = delete;
    LineParser& operator=(const LineParser&) = delete;

    void consume(const char* data, std::size_t size);
    // Consumes data up to and including its first newline (all of it when it
    // has none) and returns the number of bytes used, so the sinks hear of at
    // most one line: a caller can act on each message before parsing on.
    std::size_t consume_line(const char* data, std::size_t size);
    // Treats an unterminated last line as complete.
    void finish();
    // The body facts of the message last handed to the message sink.
    const BodyFacts& facts() const noexcept;

  private:
    struct Impl;

    // `more`: the line may go on in the next piece (false once its end is in `data`).
    void feed(const char* data, std::size_t size, bool more);
    // `document_ended`: the last feed already told the parser the line ended there.
    void end_line(bool document_ended);
    void report(const boost::json::error_code& error);
    // Hands the parsed envelope to the message or malformed sink.
    void deliver();

    std::size_t max_depth_;
    std::unique_ptr<Impl> impl_;
    on_message message_sink_;
    on_malformed malformed_sink_;
    on_error error_sink_;
    std::size_t line_number_ = 1;
    bool has_content_ = false;
    bool failed_ = false;
};

}  // namespace maelstrom::detail
