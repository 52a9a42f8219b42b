#include "line_parser.hpp"

#include <cstring>

namespace maelstrom::detail {
namespace {

boost::json::parse_options options_with_depth(std::size_t max_depth) {
    boost::json::parse_options options;
    options.max_depth = max_depth;
    return options;
}

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r';
}

}  // namespace

LineParser::LineParser(std::size_t max_depth, on_value value_sink, on_error error_sink)
    : max_depth_(max_depth),
      parser_(boost::json::storage_ptr(), options_with_depth(max_depth)),
      value_sink_(std::move(value_sink)),
      error_sink_(std::move(error_sink)) {}

void LineParser::consume(const char* data, std::size_t size) {
    const char* end = data + size;
    while (data < end) {
        const auto* newline =
            static_cast<const char*>(std::memchr(data, '\n', static_cast<std::size_t>(end - data)));
        const char* piece_end = newline != nullptr ? newline : end;
        feed(data, static_cast<std::size_t>(piece_end - data));
        if (newline == nullptr) {
            return;
        }
        end_line();
        data = newline + 1;
    }
}

void LineParser::finish() {
    if (has_content_ || failed_) {
        end_line();
    }
}

void LineParser::feed(const char* data, std::size_t size) {
    if (failed_ || size == 0) {
        return;
    }
    if (!has_content_) {
        while (size > 0 && is_space(*data)) {
            ++data;
            --size;
        }
        if (size == 0) {
            return;
        }
        has_content_ = true;
    }
    boost::system::error_code error;
    parser_.write(data, size, error);
    if (error) {
        failed_ = true;
        if (error == boost::json::error::too_deep) {
            error_sink_(
                "JSON nested deeper than the limit of " + std::to_string(max_depth_) + " levels",
                line_number_);
        } else {
            error_sink_("not valid JSON (" + error.message() + ")", line_number_);
        }
    }
}

void LineParser::end_line() {
    if (has_content_ && !failed_) {
        boost::system::error_code error;
        parser_.finish(error);
        if (error) {
            error_sink_("not valid JSON (" + error.message() + ")", line_number_);
        } else {
            value_sink_(parser_.release(), line_number_);
        }
    }
    parser_.reset();
    has_content_ = false;
    failed_ = false;
    ++line_number_;
}

}  // namespace maelstrom::detail
