#pragma once
// How the lin-kv baseline stores a log: a JSON array of [msg, request id]
// entries, where the position is the offset. The request id lets a sender
// whose compare-and-set had an unknown outcome find out whether it landed.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "key_log.hpp"

namespace kafka {

inline json::value log_kv_key(const std::string& key) {
    return json::string("log-" + key);
}
inline json::value committed_kv_key(const std::string& key) {
    return json::string("committed-" + key);
}

// Position of the entry written by request_id, if it is in the log.
std::optional<std::int64_t> find_request(const json::array& entries, const std::string& request_id);
// Up to `limit` records from `offset` on; malformed entries end the read.
std::vector<Record> records_from(const json::array& entries, std::int64_t offset,
                                 std::size_t limit);

}  // namespace kafka
