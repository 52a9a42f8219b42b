#include "services/services.hpp"

#include <stdexcept>

namespace sim {
namespace {

boost::json::object error_body(int code, const std::string& text) {
    return boost::json::object{{"type", "error"}, {"code", code}, {"text", text}};
}

const boost::json::value& field(const boost::json::object& request, const char* name) {
    const auto* v = request.if_contains(name);
    if (v == nullptr) {
        throw std::invalid_argument(std::string("missing field ") + name);
    }
    return *v;
}

std::string type_of(const boost::json::object& request) {
    const auto* t = request.if_contains("type");
    if (t == nullptr || !t->is_string()) {
        throw std::invalid_argument("request without a string type");
    }
    return std::string(t->get_string());
}

}  // namespace

KvOutcome apply_kv(const KvState& state, const boost::json::object& request,
                   bool honour_create_if_not_exists) {
    const std::string type = type_of(request);
    const std::string key = boost::json::serialize(field(request, "key"));
    auto it = state.find(key);
    if (type == "read") {
        if (it == state.end()) {
            return {error_body(20, "key does not exist"), std::nullopt};
        }
        return {boost::json::object{{"type", "read_ok"}, {"value", it->second}}, std::nullopt};
    }
    if (type == "write") {
        const auto& value = field(request, "value");
        if (it != state.end() && it->second == value) {
            return {boost::json::object{{"type", "write_ok"}}, std::nullopt};
        }
        KvState next = state;
        next[key] = value;
        return {boost::json::object{{"type", "write_ok"}}, std::move(next)};
    }
    if (type == "cas") {
        const auto& from = field(request, "from");
        const auto& to = field(request, "to");
        bool create = false;
        if (const auto* flag = request.if_contains("create_if_not_exists")) {
            create = honour_create_if_not_exists && flag->is_bool() && flag->get_bool();
        }
        if (it == state.end()) {
            if (!create) {
                return {error_body(20, "key does not exist"), std::nullopt};
            }
            KvState next = state;
            next[key] = to;
            return {boost::json::object{{"type", "cas_ok"}}, std::move(next)};
        }
        if (!(it->second == from)) {
            return {error_body(22, "current value " + boost::json::serialize(it->second) +
                                       " is not " + boost::json::serialize(from)),
                    std::nullopt};
        }
        if (it->second == to) {
            return {boost::json::object{{"type", "cas_ok"}}, std::nullopt};
        }
        KvState next = state;
        next[key] = to;
        return {boost::json::object{{"type", "cas_ok"}}, std::move(next)};
    }
    throw std::invalid_argument("unknown request type " + type);
}

std::optional<boost::json::object> LinKv::handle(const std::string& /*caller*/,
                                                 const boost::json::object& request) {
    try {
        auto outcome = apply_kv(state_, request, true);
        if (outcome.next) {
            state_ = std::move(*outcome.next);
        }
        return std::move(outcome.reply);
    } catch (const std::invalid_argument&) {
        return std::nullopt;
    }
}

SeqKv::SeqKv(Rng& rng) : rng_(rng) {}

std::optional<boost::json::object> SeqKv::handle(const std::string& caller,
                                                 const boost::json::object& request) {
    try {
        std::int64_t& cursor = cursor_[caller];
        const std::int64_t index = uniform_int(rng_, cursor, last_index_);
        const KvState& seen = states_[static_cast<std::size_t>(index) % kRing];
        auto outcome = apply_kv(seen, request, true);
        if (!outcome.next) {
            cursor = index;
            return std::move(outcome.reply);
        }
        const KvState& newest = states_[static_cast<std::size_t>(last_index_) % kRing];
        auto applied = apply_kv(newest, request, true);
        if (applied.next) {
            ++last_index_;
            states_[static_cast<std::size_t>(last_index_) % kRing] = std::move(*applied.next);
        }
        cursor = last_index_;
        return std::move(applied.reply);
    } catch (const std::invalid_argument&) {
        return std::nullopt;
    }
}

std::optional<boost::json::object> LwwKv::handle(const std::string& /*caller*/,
                                                 const boost::json::object& request) {
    try {
        // Maelstrom computes a merge between two random replicas and then
        // discards it; the draws are kept so the request routing matches.
        (void)uniform_int(rng_, 0, 1);
        (void)uniform_int(rng_, 0, 1);
        auto& replica = replicas_[static_cast<std::size_t>(uniform_int(rng_, 0, 1))];
        auto outcome = apply_kv(replica, request, false);
        if (outcome.next) {
            replica = std::move(*outcome.next);
        }
        return std::move(outcome.reply);
    } catch (const std::invalid_argument&) {
        return std::nullopt;
    }
}

std::optional<boost::json::object> LinTso::handle(const std::string& /*caller*/,
                                                  const boost::json::object& request) {
    const auto* type = request.if_contains("type");
    if (type == nullptr || !type->is_string() || type->get_string() != "ts") {
        return std::nullopt;
    }
    return boost::json::object{{"type", "ts_ok"}, {"ts", next_++}};
}

std::map<std::string, std::unique_ptr<Service>> make_services(Rng& rng) {
    std::map<std::string, std::unique_ptr<Service>> services;
    services["lin-kv"] = std::make_unique<LinKv>();
    services["seq-kv"] = std::make_unique<SeqKv>(rng);
    services["lww-kv"] = std::make_unique<LwwKv>(rng);
    services["lin-tso"] = std::make_unique<LinTso>();
    return services;
}

}  // namespace sim
