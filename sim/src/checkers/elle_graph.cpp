#include "checkers/elle_graph.hpp"

#include <algorithm>
#include <deque>
#include <limits>
#include <unordered_map>
#include <unordered_set>

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

namespace {

struct Stage {
    EdgeMask component_mask;
    EdgeMask start;  // the cycle's first edge has one of these types
    EdgeMask path;   // the way back from that edge's target to its source
    // Every one of these types must occur in the cycle; rw must occur on the
    // way back (in addition to an rw start edge).
    EdgeMask need;
};

std::vector<Stage> stages() {
    std::vector<Stage> out;
    const EdgeMask data[] = {ww, ww | wr, ww | wr | rw};
    struct Level {
        EdgeMask extra;
        EdgeMask need;
    };
    const Level levels[] = {{0, 0}, {process, process}, {process | realtime, realtime}};
    for (const auto& level : levels) {
        const EdgeMask x = level.extra;
        const EdgeMask n = level.need;
        out.push_back({static_cast<EdgeMask>(data[0] | x), n != 0 ? n : EdgeMask{ww},
                       static_cast<EdgeMask>(ww | x), n});
        out.push_back(
            {static_cast<EdgeMask>(data[1] | x), wr, static_cast<EdgeMask>(ww | wr | x), n});
        out.push_back(
            {static_cast<EdgeMask>(data[2] | x), rw, static_cast<EdgeMask>(ww | wr | x), n});
        out.push_back({static_cast<EdgeMask>(data[2] | x), rw,
                       static_cast<EdgeMask>(ww | wr | rw | x), static_cast<EdgeMask>(rw | n)});
    }
    return out;
}

// Shortest path from the start edge's target back to its source, through
// one component, collecting the needed edge types on the way.
bool close_cycle(const TxnGraph& graph, const std::vector<std::size_t>& component_of,
                 std::size_t component, std::size_t source, const Edge& first, const Stage& stage,
                 std::vector<CycleStep>& cycle) {
    // Needed types are at most two bits: map them to a dense layer number.
    std::vector<EdgeMask> need_bits;
    for (EdgeMask bit = 1; bit != 0 && bit <= realtime; bit = static_cast<EdgeMask>(bit << 1)) {
        if ((stage.need & bit) != 0) {
            need_bits.push_back(bit);
        }
    }
    const std::size_t layers = std::size_t{1} << need_bits.size();
    auto layer_of = [&](std::size_t layer, EdgeType type) {
        for (std::size_t b = 0; b < need_bits.size(); ++b) {
            if ((need_bits[b] & type) != 0) {
                layer |= std::size_t{1} << b;
            }
        }
        return layer;
    };
    struct Visit {
        std::size_t node;
        std::size_t layer;
    };
    struct Back {
        std::size_t node;
        std::size_t layer;
        const Edge* edge;
    };
    const std::size_t goal_layer = layers - 1;
    std::unordered_map<std::size_t, Back> parent;  // (node * layers + layer) -> predecessor
    auto key = [&](std::size_t node, std::size_t layer) { return node * layers + layer; };
    const auto counted = static_cast<EdgeType>(first.type == rw ? 0 : first.type);
    const Visit start{first.to, layer_of(0, counted)};
    std::deque<Visit> queue{start};
    parent.emplace(key(start.node, start.layer), Back{start.node, start.layer, nullptr});
    while (!queue.empty()) {
        const auto at = queue.front();
        queue.pop_front();
        if (at.node == source && at.layer == goal_layer) {
            std::vector<CycleStep> back;
            auto cur = at;
            while (!(cur.node == start.node && cur.layer == start.layer)) {
                const auto& p = parent.at(key(cur.node, cur.layer));
                back.push_back(CycleStep{p.node, p.edge});
                cur = Visit{p.node, p.layer};
            }
            cycle.clear();
            cycle.push_back(CycleStep{source, &first});
            cycle.insert(cycle.end(), back.rbegin(), back.rend());
            // Layers let the walk pass a node twice; such a walk is not a
            // cycle of the kind searched for.
            std::unordered_set<std::size_t> seen;
            return std::all_of(cycle.begin(), cycle.end(), [&](const CycleStep& step) {
                return seen.insert(step.from).second;
            });
        }
        for (const auto& edge : graph.out(at.node)) {
            if ((edge.type & stage.path) == 0 || component_of[edge.to] != component) {
                continue;
            }
            const Visit next{edge.to, layer_of(at.layer, edge.type)};
            if (parent.emplace(key(next.node, next.layer), Back{at.node, at.layer, &edge}).second) {
                queue.push_back(next);
            }
        }
    }
    return false;
}

}  // namespace

std::vector<Cycle> find_anomalous_cycles(const TxnGraph& graph, std::size_t max_attempts) {
    std::vector<Cycle> found;
    constexpr auto none = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> component_of(graph.size(), none);
    for (const auto& stage : stages()) {
        const auto components = cyclic_components(graph, stage.component_mask);
        std::fill(component_of.begin(), component_of.end(), none);
        for (std::size_t c = 0; c < components.size(); ++c) {
            for (const auto node : components[c]) {
                component_of[node] = c;
            }
        }
        for (std::size_t c = 0; c < components.size(); ++c) {
            std::size_t attempts = 0;
            std::vector<CycleStep> cycle;
            bool closed = false;
            for (const auto node : components[c]) {
                for (const auto& edge : graph.out(node)) {
                    if ((edge.type & stage.start) == 0 || component_of[edge.to] != c) {
                        continue;
                    }
                    closed = close_cycle(graph, component_of, c, node, edge, stage, cycle);
                    if (closed || ++attempts >= max_attempts) {
                        break;
                    }
                }
                if (closed || attempts >= max_attempts) {
                    break;
                }
            }
            if (closed) {
                found.push_back(Cycle{classify_cycle(cycle), std::move(cycle)});
            }
        }
    }
    return found;
}

}  // namespace sim::elle
