#pragma once
// Splits a byte stream into lines and parses each line as one JSON document,
// incrementally: a line may arrive in any number of pieces and be of any
// length. Parser memory is reused from line to line.
#include <boost/json.hpp>
#include <cstddef>
#include <functional>
#include <string>

namespace maelstrom::detail {

class LineParser {
  public:
    using on_value = std::function<void(boost::json::value&&, std::size_t line_number)>;
    using on_error = std::function<void(const std::string& reason, std::size_t line_number)>;

    LineParser(std::size_t max_depth, on_value value_sink, on_error error_sink);

    void consume(const char* data, std::size_t size);
    // Treats an unterminated last line as complete.
    void finish();

  private:
    void feed(const char* data, std::size_t size);
    void end_line();

    std::size_t max_depth_;
    boost::json::stream_parser parser_;
    on_value value_sink_;
    on_error error_sink_;
    std::size_t line_number_ = 1;
    bool has_content_ = false;
    bool failed_ = false;
};

}  // namespace maelstrom::detail
