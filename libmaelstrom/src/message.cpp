#include "maelstrom/message.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "envelope.hpp"

namespace maelstrom {
namespace {

std::optional<std::int64_t> integer_field(const json::object& body, std::string_view key) noexcept {
    const auto* value = body.if_contains(key);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_int64()) {
        return value->get_int64();
    }
    if (value->is_uint64() && value->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(value->get_uint64());
    }
    return std::nullopt;
}

const json::string& string_field(const json::object& envelope, std::string_view key) {
    const auto* value = envelope.if_contains(key);
    if (value == nullptr) {
        throw std::invalid_argument("message has no \"" + std::string(key) + "\"");
    }
    if (!value->is_string()) {
        throw std::invalid_argument("message field \"" + std::string(key) + "\" is not a string");
    }
    return value->get_string();
}

}  // namespace

std::string_view Message::type() const noexcept {
    const auto* value = body.if_contains("type");
    if (value == nullptr || !value->is_string()) {
        return {};
    }
    return value->get_string();
}

std::optional<std::int64_t> Message::msg_id() const noexcept {
    return integer_field(body, "msg_id");
}

std::optional<std::int64_t> Message::in_reply_to() const noexcept {
    return integer_field(body, "in_reply_to");
}

void tag_invoke(const json::value_from_tag&, json::value& out, const Message& message) {
    out = json::object{{"src", message.src}, {"dest", message.dest}, {"body", message.body}};
}

Message tag_invoke(const json::value_to_tag<Message>&, const json::value& in) {
    return detail::take_message(json::value(in));
}

Message detail::take_message(json::value&& envelope_value) {
    auto* envelope = envelope_value.if_object();
    if (envelope == nullptr) {
        throw std::invalid_argument("message is not a JSON object");
    }
    Message message;
    message.src = string_field(*envelope, "src");
    message.dest = string_field(*envelope, "dest");
    auto* body = envelope->if_contains("body");
    if (body == nullptr) {
        throw std::invalid_argument("message has no \"body\"");
    }
    // Maelstrom itself reads a null body as an empty one.
    if (body->is_null()) {
        return message;
    }
    if (!body->is_object()) {
        throw std::invalid_argument("message body is not a JSON object");
    }
    message.body = std::move(body->get_object());
    return message;
}

namespace {

// A small item (most bodies, every number) is read onto the stack and copied,
// which costs less than clearing room for it in `out`; the rest of a large one
// is serialized straight into room added at the end of `out`, room that grows
// with the line so that a large body takes few rounds.
template <class Item>
void append_serialized(std::string& out, json::serializer& serializer, const Item& item) {
    serializer.reset(item);
    char first[256];
    out.append(serializer.read(first, sizeof first));
    while (!serializer.done()) {
        const auto used = out.size();
        out.resize(used + std::max<std::size_t>(512, used));
        const auto written = serializer.read(out.data() + used, out.size() - used).size();
        out.resize(used + written);
    }
}

// The serialized `{"src":...,"dest":...,"body":` for the last src and dest
// seen by this thread: consecutive replies usually go to the same peer, and
// src is always the node's own id.
struct EnvelopePrefix {
    std::string src;
    std::string dest;
    std::string text;
    bool valid = false;

    const std::string& get(json::serializer& serializer, std::string_view new_src,
                           std::string_view new_dest) {
        if (valid && src == new_src && dest == new_dest) {
            return text;
        }
        src = new_src;
        dest = new_dest;
        text.assign(R"({"src":)");
        append_serialized(text, serializer, json::string_view(src.data(), src.size()));
        text.append(R"(,"dest":)");
        append_serialized(text, serializer, json::string_view(dest.data(), dest.size()));
        text.append(R"(,"body":)");
        valid = true;
        return text;
    }
};

}  // namespace

void detail::append_line(std::string& out, std::string_view src, std::string_view dest,
                         json::object&& body, std::optional<std::int64_t> in_reply_to) {
    // The envelope is written piece by piece around the serialized strings and
    // body rather than built as an object: that saves its lookups and key
    // copies, and appending in_reply_to after the body's last member avoids
    // growing (rehashing) the body object.
    thread_local json::serializer serializer;
    thread_local EnvelopePrefix prefix;
    out.append(prefix.get(serializer, src, dest));
    if (!in_reply_to) {
        append_serialized(out, serializer, &body);
    } else if (auto* existing = body.if_contains("in_reply_to")) {
        *existing = *in_reply_to;
        append_serialized(out, serializer, &body);
    } else {
        append_serialized(out, serializer, &body);
        out.pop_back();  // the body's closing brace
        out.append(body.empty() ? R"("in_reply_to":)" : R"(,"in_reply_to":)");
        const json::value number(*in_reply_to);
        append_serialized(out, serializer, &number);
        out.push_back('}');
    }
    out.append("}\n");
}

std::string serialize(const Message& message) {
    return json::serialize(json::value_from(message));
}

}  // namespace maelstrom
