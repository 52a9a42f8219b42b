#include "checkers/elle_graph.hpp"

#include <algorithm>
#include <limits>

namespace sim::elle {

std::string edge_type_name(EdgeType type) {
    switch (type) {
        case ww:
            return "ww";
        case wr:
            return "wr";
        case rw:
            return "rw";
        case process:
            return "process";
        case realtime:
            return "realtime";
    }
    return "unknown";
}

std::vector<std::vector<std::size_t>> cyclic_components(const TxnGraph& graph, EdgeMask mask) {
    constexpr auto unvisited = std::numeric_limits<std::size_t>::max();
    const auto n = graph.size();
    std::vector<std::size_t> index(n, unvisited);
    std::vector<std::size_t> low(n, 0);
    std::vector<bool> on_stack(n, false);
    std::vector<std::size_t> stack;
    std::vector<std::vector<std::size_t>> components;
    std::size_t counter = 0;
    // Explicit call stack: (node, position in its edge list); recursion would
    // overflow on long dependency chains.
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    for (std::size_t root = 0; root < n; ++root) {
        if (index[root] != unvisited) {
            continue;
        }
        calls.emplace_back(root, 0);
        index[root] = low[root] = counter++;
        stack.push_back(root);
        on_stack[root] = true;
        while (!calls.empty()) {
            auto& [node, pos] = calls.back();
            const auto& edges = graph.out(node);
            if (pos < edges.size()) {
                const auto& edge = edges[pos++];
                if ((edge.type & mask) == 0) {
                    continue;
                }
                const auto next = edge.to;
                if (index[next] == unvisited) {
                    index[next] = low[next] = counter++;
                    stack.push_back(next);
                    on_stack[next] = true;
                    calls.emplace_back(next, 0);
                } else if (on_stack[next]) {
                    low[node] = std::min(low[node], index[next]);
                }
                continue;
            }
            const auto finished = node;
            calls.pop_back();
            if (!calls.empty()) {
                const auto parent = calls.back().first;
                low[parent] = std::min(low[parent], low[finished]);
            }
            if (low[finished] != index[finished]) {
                continue;
            }
            std::vector<std::size_t> component;
            std::size_t member = 0;
            do {
                member = stack.back();
                stack.pop_back();
                on_stack[member] = false;
                component.push_back(member);
            } while (member != finished);
            if (component.size() > 1) {
                std::sort(component.begin(), component.end());
                components.push_back(std::move(component));
            }
        }
    }
    return components;
}

std::string classify_cycle(const std::vector<CycleStep>& steps) {
    int rws = 0;
    int wrs = 0;
    bool adjacent_rw = false;
    bool has_process = false;
    bool has_realtime = false;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto type = steps[i].edge->type;
        const auto next_type = steps[(i + 1) % steps.size()].edge->type;
        rws += type == rw ? 1 : 0;
        wrs += type == wr ? 1 : 0;
        adjacent_rw = adjacent_rw || (type == rw && next_type == rw && steps.size() > 1);
        has_process = has_process || type == process;
        has_realtime = has_realtime || type == realtime;
    }
    // Register histories only have item (not predicate) dependencies.
    std::string name;
    if (rws == 1) {
        name = "G-single-item";
    } else if (rws > 1) {
        name = adjacent_rw ? "G2-item" : "G-nonadjacent-item";
    } else if (wrs > 0) {
        name = "G1c";
    } else {
        name = "G0";
    }
    if (has_realtime) {
        name += "-realtime";
    } else if (has_process) {
        name += "-process";
    }
    return name;
}

}  // namespace sim::elle
