#pragma once
// Splits a byte stream into lines and parses each line as one Maelstrom
// envelope, incrementally: a line may arrive in any number of pieces and be of
// any length. src and dest are read straight into the Message and the body is
// built as the Message's object, so no JSON object is built for the envelope
// itself. Parser memory is reused from line to line.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

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

class LineParser {
  public:
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
