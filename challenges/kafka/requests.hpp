#pragma once
// Reading the kafka workload's request fields and writing its replies. A
// malformed request becomes a malformed-request error reply, never a crash.
#include <maelstrom/maelstrom.hpp>
#include <string>
#include <vector>

#include "log_store.hpp"

namespace kafka {

// Converts body[field] to T, or throws rpc_error(malformed_request).
template <class T>
T field(const maelstrom::Message& request, std::string_view name) {
    auto found = request.body.find(name);
    if (found == request.body.end()) {
        throw maelstrom::rpc_error(maelstrom::error_code::malformed_request,
                                   "missing field '" + std::string(name) + "'");
    }
    try {
        return json::value_to<T>(found->value());
    } catch (const std::exception& error) {
        throw maelstrom::rpc_error(maelstrom::error_code::malformed_request,
                                   "field '" + std::string(name) + "': " + error.what());
    }
}

json::object send_ok(std::int64_t offset);
json::object poll_ok(const PollResult& msgs);
json::object poll_ok(json::object msgs);
json::object commit_offsets_ok();
json::object list_committed_offsets_ok(const OffsetMap& offsets);

}  // namespace kafka
