#include "checkers/net_stats.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "checkers/history_util.hpp"

namespace sim {
namespace {

struct Tally {
    std::int64_t sends = 0, recvs = 0;
    std::unordered_set<std::int64_t> ids;
    boost::json::object to_json(std::optional<std::int64_t> op_count) const {
        boost::json::object out{{"send-count", sends},
                                {"recv-count", recvs},
                                {"msg-count", static_cast<std::int64_t>(ids.size())}};
        if (op_count && *op_count > 0) {
            out["msgs-per-op"] = static_cast<double>(ids.size()) / static_cast<double>(*op_count);
        }
        return out;
    }
    void add(const NetEvent& e) {
        (e.kind == NetEventKind::send ? sends : recvs) += 1;
        ids.insert(e.message_id);
    }
};

template <typename Figure>
boost::json::object quantiles_over_deliveries(const Journal& journal, Figure figure) {
    std::vector<std::int64_t> values;
    for (const auto& e : journal) {
        if (e.kind == NetEventKind::recv) {
            values.push_back(figure(e));
        }
    }
    return quantiles(std::move(values));
}

}  // namespace

boost::json::object delivery_lag_us(const Journal& journal) {
    return quantiles_over_deliveries(journal, [](const NetEvent& e) {
        return std::max<std::int64_t>(0, e.time_ns - e.due_ns) / 1000;
    });
}

boost::json::object delivery_lag_own_us(const Journal& journal) {
    return quantiles_over_deliveries(journal, [](const NetEvent& e) { return e.own_lag_us; });
}

double delivery_lag_max_at_s(const Journal& journal) {
    const NetEvent* worst = nullptr;
    for (const auto& e : journal) {
        if (e.kind == NetEventKind::recv &&
            (worst == nullptr || e.time_ns - e.due_ns > worst->time_ns - worst->due_ns)) {
            worst = &e;
        }
    }
    return worst == nullptr ? 0.0 : static_cast<double>(worst->time_ns) / 1e9;
}

std::int64_t client_op_count(const History& history) {
    std::int64_t count = 0;
    for (const auto& op : history) {
        count += is_client_op(op) && op.type == OpType::invoke ? 1 : 0;
    }
    return count;
}

boost::json::object net_stats(const Journal& journal, const std::deque<Message>& messages,
                              std::int64_t op_count) {
    Tally all, clients, servers;
    for (const auto& e : journal) {
        const Message& m = messages[static_cast<std::size_t>(e.message_id)];
        all.add(e);
        (is_client_id(m.src) || is_client_id(m.dest) ? clients : servers).add(e);
    }
    return {{"all", all.to_json(op_count)},
            {"clients", clients.to_json(std::nullopt)},
            {"servers", servers.to_json(op_count)},
            {"valid?", true}};
}

}  // namespace sim
