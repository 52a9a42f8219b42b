#include "line_parser.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <cstring>
#include <string_view>

namespace maelstrom::detail {
namespace {

using boost::json::error_code;
using boost::json::string_view;

boost::json::parse_options options_with_depth(std::size_t max_depth) {
    boost::json::parse_options options;
    options.max_depth = max_depth;
    return options;
}

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r';
}

// basic_parser events for one envelope. Only the body is built as a JSON
// value (with the same value_stack Boost.JSON's own parser uses); src and dest
// are copied straight into std::strings and other top-level members are
// skipped, so no envelope object is allocated, searched and freed per line.
class EnvelopeHandler {
  public:
    static constexpr std::size_t max_object_size = json::object::max_size();
    static constexpr std::size_t max_array_size = json::array::max_size();
    static constexpr std::size_t max_key_size = json::string::max_size();
    static constexpr std::size_t max_string_size = json::string::max_size();

    bool on_document_begin(error_code&) {
        depth_ = 0;
        top_is_object_ = false;
        building_body_ = false;
        field_ = Field::other;
        src_.clear();
        dest_.clear();
        key_.clear();
        src_kind_ = dest_kind_ = Kind::missing;
        body_kind_ = BodyKind::missing;
        body_ = nullptr;
        return true;
    }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code&) {
        if (!building_body_) {
            if (depth_ == 0) {
                top_is_object_ = true;
            } else if (in_envelope() && field_ == Field::body) {
                building_body_ = true;
                stack_.reset();
                facts_ = BodyFacts{};
                seen_body_keys_ = 0;
            } else if (in_envelope()) {
                note_non_string();
            }
        }
        ++depth_;
        return true;
    }
    bool on_object_end(std::size_t size, error_code&) {
        --depth_;
        if (building_body_) {
            stack_.push_object(size);
            if (depth_ == 1) {
                body_ = stack_.release();
                body_kind_ = BodyKind::object;
                building_body_ = false;
            }
        }
        return true;
    }
    bool on_array_begin(error_code&) {
        if (!building_body_ && in_envelope()) {
            note_non_string();
        }
        ++depth_;
        return true;
    }
    bool on_array_end(std::size_t size, error_code&) {
        --depth_;
        if (building_body_) {
            stack_.push_array(size);
        }
        return true;
    }
    bool on_key_part(string_view part, std::size_t, error_code&) {
        if (building_body_) {
            stack_.push_chars(part);
            if (depth_ == 2) {
                facts_.exact = false;
            }
        } else if (in_envelope()) {
            key_.append(part.data(), part.size());
        }
        return true;
    }
    bool on_key(string_view part, std::size_t, error_code&) {
        if (building_body_) {
            stack_.push_key(part);
            if (depth_ == 2) {
                note_body_key(part);
            }
        } else if (in_envelope()) {
            std::string_view key(part.data(), part.size());
            if (!key_.empty()) {
                key_.append(key);
                key = key_;
            }
            // As string_views the sizes are compared first and the bytes inline.
            using namespace std::string_view_literals;
            field_ = key == "src"sv    ? Field::src
                     : key == "dest"sv ? Field::dest
                     : key == "body"sv ? Field::body
                                       : Field::other;
            key_.clear();
            // A repeated key replaces the earlier value, as in a parsed object.
            if (field_ == Field::src) {
                src_.clear();
            } else if (field_ == Field::dest) {
                dest_.clear();
            }
        }
        return true;
    }
    bool on_string_part(string_view part, std::size_t, error_code&) {
        if (building_body_) {
            stack_.push_chars(part);
            if (depth_ == 2 && body_key_ == BodyKey::type) {
                facts_.exact = false;
            }
        } else if (auto* target = string_target()) {
            target->append(part.data(), part.size());
        }
        return true;
    }
    bool on_string(string_view part, std::size_t, error_code&) {
        if (building_body_) {
            stack_.push_string(part);
            if (depth_ == 2 && body_key_ == BodyKey::type) {
                note_body_type(part);
            }
        } else if (auto* target = string_target()) {
            target->append(part.data(), part.size());
            (field_ == Field::src ? src_kind_ : dest_kind_) = Kind::string;
        } else if (in_envelope()) {
            note_non_string();
        }
        return true;
    }
    bool on_number_part(string_view, error_code&) { return true; }
    bool on_int64(std::int64_t value, string_view, error_code&) {
        return scalar([&] {
            stack_.push_int64(value);
            note_body_integer(value);
        });
    }
    bool on_uint64(std::uint64_t value, string_view, error_code&) {
        return scalar([&] {
            stack_.push_uint64(value);
            if (value <= static_cast<std::uint64_t>(INT64_MAX)) {
                note_body_integer(static_cast<std::int64_t>(value));
            }
        });
    }
    bool on_double(double value, string_view, error_code&) {
        return scalar([&] { stack_.push_double(value); });
    }
    bool on_bool(bool value, error_code&) {
        return scalar([&] { stack_.push_bool(value); });
    }
    bool on_null(error_code&) {
        if (!building_body_ && in_envelope() && field_ == Field::body) {
            body_kind_ = BodyKind::null;
            return true;
        }
        return scalar([&] { stack_.push_null(); });
    }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

    // Moves the parsed envelope into `message`, replacing all it held, or
    // describes what is wrong with it (checked in the same order as
    // value_to<Message>).
    std::optional<MalformedEnvelope> take(Message& message) {
        const char* problem = nullptr;
        if (!top_is_object_) {
            return MalformedEnvelope{"message is not a JSON object", std::nullopt, std::nullopt,
                                     std::nullopt};
        }
        if (src_kind_ == Kind::missing) {
            problem = "message has no \"src\"";
        } else if (src_kind_ == Kind::other) {
            problem = "message field \"src\" is not a string";
        } else if (dest_kind_ == Kind::missing) {
            problem = "message has no \"dest\"";
        } else if (dest_kind_ == Kind::other) {
            problem = "message field \"dest\" is not a string";
        } else if (body_kind_ == BodyKind::missing) {
            problem = "message has no \"body\"";
        } else if (body_kind_ == BodyKind::other) {
            problem = "message body is not a JSON object";
        }
        if (problem != nullptr) {
            MalformedEnvelope malformed{problem, std::nullopt, std::nullopt, std::nullopt};
            if (src_kind_ == Kind::string) {
                malformed.src = std::move(src_);
            }
            if (dest_kind_ == Kind::string) {
                malformed.dest = std::move(dest_);
            }
            if (body_kind_ == BodyKind::object) {
                malformed.body = std::move(body_.get_object());
            }
            return malformed;
        }
        message.src = std::move(src_);
        message.dest = std::move(dest_);
        message.received = {};
        // Maelstrom itself reads a null body as an empty one.
        if (body_kind_ == BodyKind::object) {
            message.body = std::move(body_.get_object());
        } else {
            message.body.clear();
            facts_ = BodyFacts{};
        }
        return std::nullopt;
    }

    const BodyFacts& facts() const noexcept { return facts_; }

  private:
    enum class Field { src, dest, body, other };
    enum class BodyKey : unsigned { type = 1, msg_id = 2, in_reply_to = 4, other = 0 };

    // Sizes first: most keys match none of the three by length alone.
    void note_body_key(string_view key) noexcept {
        body_key_ = BodyKey::other;
        if (key.size() == 4 && std::memcmp(key.data(), "type", 4) == 0) {
            body_key_ = BodyKey::type;
        } else if (key.size() == 6 && std::memcmp(key.data(), "msg_id", 6) == 0) {
            body_key_ = BodyKey::msg_id;
        } else if (key.size() == 11 && std::memcmp(key.data(), "in_reply_to", 11) == 0) {
            body_key_ = BodyKey::in_reply_to;
        } else {
            return;
        }
        const auto bit = static_cast<unsigned>(body_key_);
        if ((seen_body_keys_ & bit) != 0) {
            facts_.exact = false;
        }
        seen_body_keys_ |= bit;
    }

    void note_body_type(string_view type) noexcept {
        if (type.size() > BodyFacts::type_room) {
            facts_.exact = false;
            return;
        }
        std::memcpy(facts_.type_chars.data(), type.data(), type.size());
        facts_.type_size = static_cast<std::uint8_t>(type.size());
    }

    void note_body_integer(std::int64_t value) noexcept {
        if (depth_ != 2) {
            return;
        }
        if (body_key_ == BodyKey::msg_id) {
            facts_.msg_id = value;
        } else if (body_key_ == BodyKey::in_reply_to) {
            facts_.in_reply_to = value;
        }
    }

    enum class Kind { missing, string, other };
    enum class BodyKind { missing, object, null, other };

    bool in_envelope() const noexcept { return top_is_object_ && depth_ == 1; }

    std::string* string_target() noexcept {
        if (!in_envelope()) {
            return nullptr;
        }
        return field_ == Field::src ? &src_ : field_ == Field::dest ? &dest_ : nullptr;
    }

    // The current envelope member's value is not a string (nor, for the
    // body, an object or null).
    void note_non_string() noexcept {
        if (field_ == Field::src) {
            src_kind_ = Kind::other;
        } else if (field_ == Field::dest) {
            dest_kind_ = Kind::other;
        } else if (field_ == Field::body) {
            body_kind_ = BodyKind::other;
        }
    }

    template <class Push>
    bool scalar(Push push) {
        if (building_body_) {
            push();
        } else if (in_envelope()) {
            note_non_string();
        }
        return true;
    }

    json::value_stack stack_;
    json::value body_;
    BodyFacts facts_;
    BodyKey body_key_ = BodyKey::other;
    unsigned seen_body_keys_ = 0;
    std::string src_;
    std::string dest_;
    std::string key_;
    std::size_t depth_ = 0;
    Field field_ = Field::other;
    Kind src_kind_ = Kind::missing;
    Kind dest_kind_ = Kind::missing;
    BodyKind body_kind_ = BodyKind::missing;
    bool top_is_object_ = false;
    bool building_body_ = false;
};

}  // namespace

struct LineParser::Impl {
    explicit Impl(std::size_t max_depth) : parser(options_with_depth(max_depth)) {}

    boost::json::basic_parser<EnvelopeHandler> parser;
    // The last message parsed, reused line after line.
    Message message;
};

LineParser::LineParser(std::size_t max_depth, on_message message_sink, on_malformed malformed_sink,
                       on_error error_sink)
    : max_depth_(max_depth),
      impl_(std::make_unique<Impl>(max_depth)),
      message_sink_(std::move(message_sink)),
      malformed_sink_(std::move(malformed_sink)),
      error_sink_(std::move(error_sink)) {}

LineParser::~LineParser() = default;

void LineParser::consume(const char* data, std::size_t size) {
    while (size > 0) {
        const auto used = consume_line(data, size);
        data += used;
        size -= used;
    }
}

std::size_t LineParser::consume_line(const char* data, std::size_t size) {
    const auto* newline = static_cast<const char*>(std::memchr(data, '\n', size));
    if (newline == nullptr) {
        feed(data, size, true);
        return size;
    }
    const auto length = static_cast<std::size_t>(newline - data);
    // A line in one piece, the usual case, is parsed by one call that ends the document there,
    // without suspending at its end and resuming to learn that nothing follows.
    const bool in_one_piece = !has_content_ && !failed_;
    feed(data, length, !in_one_piece);
    end_line(in_one_piece);
    return length + 1;
}

void LineParser::finish() {
    if (has_content_ || failed_) {
        end_line(false);
    }
}

const BodyFacts& LineParser::facts() const noexcept {
    return impl_->parser.handler().facts();
}

void LineParser::feed(const char* data, std::size_t size, bool more) {
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
    error_code error;
    const auto used = impl_->parser.write_some(more, data, size, error);
    if (!error && used < size) {
        error = boost::json::error::extra_data;
    }
    if (error) {
        failed_ = true;
        report(error);
    }
}

void LineParser::report(const error_code& error) {
    if (error == boost::json::error::too_deep) {
        error_sink_(
            "JSON nested deeper than the limit of " + std::to_string(max_depth_) + " levels",
            line_number_);
    } else {
        error_sink_("not valid JSON (" + error.message() + ")", line_number_);
    }
}

void LineParser::deliver() {
    if (auto malformed = impl_->parser.handler().take(impl_->message)) {
        malformed_sink_(std::move(*malformed), line_number_);
    } else {
        message_sink_(std::move(impl_->message), line_number_);
    }
}

void LineParser::end_line(bool document_ended) {
    if (has_content_ && !failed_) {
        error_code error;
        if (!document_ended) {
            impl_->parser.write_some(false, nullptr, 0, error);
        }
        if (error) {
            report(error);
        } else {
            deliver();
        }
    }
    impl_->parser.reset();
    has_content_ = false;
    failed_ = false;
    ++line_number_;
}

}  // namespace maelstrom::detail
