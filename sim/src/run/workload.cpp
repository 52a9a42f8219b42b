#include "run/workload.hpp"

#include <algorithm>

namespace sim {

void check_reply_schema(const boost::json::object& reply, const std::string& expected_type,
                        const std::vector<std::string>& required,
                        const std::vector<std::string>& optional) {
    const auto* type = reply.if_contains("type");
    if (type == nullptr || !type->is_string() || type->get_string() != expected_type) {
        throw MalformedReply("Malformed RPC response: expected type " + expected_type + " in " +
                             boost::json::serialize(reply));
    }
    const auto* irt = reply.if_contains("in_reply_to");
    if (irt == nullptr || !irt->is_int64()) {
        throw MalformedReply("Malformed RPC response: missing integer in_reply_to in " +
                             boost::json::serialize(reply));
    }
    if (const auto* id = reply.if_contains("msg_id"); id != nullptr && !id->is_int64()) {
        throw MalformedReply("Malformed RPC response: msg_id is not an integer in " +
                             boost::json::serialize(reply));
    }
    for (const auto& key : required) {
        if (!reply.contains(key)) {
            throw MalformedReply("Malformed RPC response: missing key " + key + " in " +
                                 boost::json::serialize(reply));
        }
    }
    for (const auto& entry : reply) {
        const std::string key(entry.key());
        if (key == "type" || key == "in_reply_to" || key == "msg_id") {
            continue;
        }
        const bool allowed = std::find(required.begin(), required.end(), key) != required.end() ||
                             std::find(optional.begin(), optional.end(), key) != optional.end();
        if (!allowed) {
            throw MalformedReply("Malformed RPC response: disallowed key " + key + " in " +
                                 boost::json::serialize(reply));
        }
    }
}

WorkloadRegistry& WorkloadRegistry::instance() {
    static WorkloadRegistry registry;
    return registry;
}

void WorkloadRegistry::add(const std::string& name, WorkloadFactory factory) {
    factories_[name] = std::move(factory);
}

std::unique_ptr<Workload> WorkloadRegistry::make(const std::string& name,
                                                 const WorkloadOptions& options) const {
    auto it = factories_.find(name);
    if (it == factories_.end()) {
        return nullptr;
    }
    return it->second(options);
}

std::vector<std::string> WorkloadRegistry::names() const {
    std::vector<std::string> out;
    for (const auto& [name, factory] : factories_) {
        out.push_back(name);
    }
    return out;
}

}  // namespace sim
