#include "checkers/elle_orders.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace sim::elle {

namespace json = boost::json;

void link_process_order(TxnGraph& graph, const NodeOps& node_ops) {
    std::unordered_map<std::int64_t, std::size_t> last;  // process -> node
    for (std::size_t n = 0; n < node_ops.size(); ++n) {
        const auto worker = node_ops[n]->invoke->process;
        if (auto it = last.find(worker); it != last.end()) {
            graph.link(it->second, n, EdgeType::process);
        }
        last[worker] = n;
    }
}

void link_realtime_order(TxnGraph& graph, const NodeOps& node_ops) {
    struct Event {
        std::int64_t index;
        bool completion;
        std::size_t node;
    };
    std::vector<Event> events;
    for (std::size_t n = 0; n < node_ops.size(); ++n) {
        const auto& op = *node_ops[n];
        events.push_back({op.invoke_index(), false, n});
        if (op.outcome() == OpType::ok) {
            events.push_back({op.complete_index(), true, n});
        }
    }
    std::sort(events.begin(), events.end(),
              [](const auto& a, const auto& b) { return a.index < b.index; });
    std::unordered_set<std::size_t> frontier;
    std::unordered_map<std::size_t, std::vector<std::size_t>> predecessors;
    for (const auto& e : events) {
        if (!e.completion) {
            auto& preds = predecessors[e.node];
            preds.assign(frontier.begin(), frontier.end());
            for (const auto p : preds) {
                graph.link(p, e.node, realtime);
            }
            continue;
        }
        for (const auto p : predecessors[e.node]) {
            frontier.erase(p);
        }
        predecessors.erase(e.node);
        frontier.insert(e.node);
    }
}

json::value op_json(const PairedOp& op) {
    return json::object{{"index", op.invoke_index()},
                        {"process", op.invoke->process},
                        {"type", op.outcome() == OpType::ok     ? "ok"
                                 : op.outcome() == OpType::fail ? "fail"
                                                                : "info"},
                        {"value", op.value()}};
}

json::value describe_cycle(const Cycle& cycle, const NodeOps& node_ops) {
    json::array ops;
    json::array steps;
    for (const auto& step : cycle.steps) {
        ops.push_back(op_json(*node_ops[step.from]));
        json::object s{{"type", edge_type_name(step.edge->type)},
                       {"from", node_ops[step.from]->invoke_index()},
                       {"to", node_ops[step.edge->to]->invoke_index()}};
        if (step.edge->why.is_object()) {
            for (const auto& entry : step.edge->why.get_object()) {
                s[entry.key()] = entry.value();
            }
        }
        steps.push_back(std::move(s));
    }
    return json::object{
        {"type", cycle.anomaly}, {"cycle", std::move(ops)}, {"steps", std::move(steps)}};
}

json::value describe_timeout(const CycleSearchTimeout& timeout) {
    return json::object{{"type", "cycle-search-timeout"},
                        {"anomaly-spec-type", timeout.anomaly_spec_type},
                        {"does-not-contain", json::value_from(timeout.does_not_contain)},
                        {"scc-size", timeout.scc_size}};
}

}  // namespace sim::elle
