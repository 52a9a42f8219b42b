#include "lin-kv/raft_wire.hpp"

namespace raft {

namespace json = maelstrom::json;

namespace {

template <class T>
struct WireName;
template <>
struct WireName<RequestVote> {
    static constexpr std::string_view value = "raft_request_vote";
};
template <>
struct WireName<VoteReply> {
    static constexpr std::string_view value = "raft_vote";
};
template <>
struct WireName<AppendEntries> {
    static constexpr std::string_view value = "raft_append_entries";
};
template <>
struct WireName<AppendReply> {
    static constexpr std::string_view value = "raft_appended";
};

template <class T>
std::optional<Payload> parse_if(const maelstrom::Message& message) {
    if (message.type() != WireName<T>::value) {
        return std::nullopt;
    }
    return Payload{message.body_as<T>()};
}

}  // namespace

const std::vector<std::string_view>& wire_types() {
    static const std::vector<std::string_view> types{
        WireName<RequestVote>::value, WireName<VoteReply>::value, WireName<AppendEntries>::value,
        WireName<AppendReply>::value};
    return types;
}

json::object to_body(const Payload& payload) {
    return std::visit(
        [](const auto& message) {
            json::object body = maelstrom::make_body(message);
            body["type"] = WireName<std::decay_t<decltype(message)>>::value;
            return body;
        },
        payload);
}

std::optional<Payload> from_message(const maelstrom::Message& message) {
    try {
        if (auto payload = parse_if<RequestVote>(message)) {
            return payload;
        }
        if (auto payload = parse_if<VoteReply>(message)) {
            return payload;
        }
        if (auto payload = parse_if<AppendEntries>(message)) {
            return payload;
        }
        return parse_if<AppendReply>(message);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace raft
