#pragma once
// Reading a JSON list field from a reply: Maelstrom's schema accepts null for
// a sequence.
#include <boost/json.hpp>
#include <string>

#include "run/workload.hpp"

namespace sim {

inline boost::json::value list_field(const boost::json::object& reply, const std::string& key) {
    const auto& v = reply.at(key);
    if (v.is_null()) {
        return boost::json::array{};
    }
    if (!v.is_array()) {
        throw MalformedReply("Malformed RPC response: " + key + " is not a list in " +
                             boost::json::serialize(reply));
    }
    return v;
}

}  // namespace sim
