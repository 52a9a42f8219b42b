#pragma once
// Raft messages as Maelstrom bodies: one body type per message, sent without
// msg_id (Raft answers with messages of its own, never with in_reply_to), so
// the library's RPC bookkeeping stays out of the way.
#include <maelstrom/maelstrom.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "lin-kv/raft_messages.hpp"

namespace raft {

const std::vector<std::string_view>& wire_types();
maelstrom::json::object to_body(const Payload& payload);
// nullopt for a body that is not a well-formed Raft message.
std::optional<Payload> from_message(const maelstrom::Message& message);

}  // namespace raft
