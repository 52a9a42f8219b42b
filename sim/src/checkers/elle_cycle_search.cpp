#include "checkers/elle_cycle_search.hpp"

#include <algorithm>
#include <deque>
#include <iterator>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "checkers/elle_models.hpp"

namespace sim::elle {
namespace {

constexpr auto kNone = std::numeric_limits<std::size_t>::max();
constexpr EdgeMask kEveryEdge = ww | wr | rw | process | realtime;

struct Stage {
    std::string kind;  // the anomaly searched for, as Elle names its spec
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
        const char* suffix;
    };
    const Level levels[] = {
        {0, 0, ""}, {process, process, "-process"}, {process | realtime, realtime, "-realtime"}};
    for (const auto& level : levels) {
        const EdgeMask x = level.extra;
        const EdgeMask n = level.need;
        const std::string s = level.suffix;
        out.push_back({"G0" + s, static_cast<EdgeMask>(data[0] | x), n != 0 ? n : EdgeMask{ww},
                       static_cast<EdgeMask>(ww | x), n});
        out.push_back({"G1c" + s, static_cast<EdgeMask>(data[1] | x), wr,
                       static_cast<EdgeMask>(ww | wr | x), n});
        out.push_back({"G-single-item" + s, static_cast<EdgeMask>(data[2] | x), rw,
                       static_cast<EdgeMask>(ww | wr | x), n});
        // Also finds G-nonadjacent-item cycles, which Elle searches for on their own.
        out.push_back({"G2-item" + s, static_cast<EdgeMask>(data[2] | x), rw,
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

struct ComponentSearch {
    bool closed = false;
    bool cut_off = false;  // start edges were left untried
    std::vector<CycleStep> cycle;
};

ComponentSearch search_component(const TxnGraph& graph,
                                 const std::vector<std::size_t>& component_of,
                                 std::size_t component, const std::vector<std::size_t>& members,
                                 const Stage& stage, std::size_t max_attempts) {
    ComponentSearch out;
    std::size_t attempts = 0;
    for (const auto node : members) {
        for (const auto& edge : graph.out(node)) {
            if ((edge.type & stage.start) == 0 || component_of[edge.to] != component) {
                continue;
            }
            // Attempts, not wall-clock time as in Elle: verdicts must not depend on machine speed.
            if (attempts == max_attempts) {
                out.cut_off = true;
                return out;
            }
            ++attempts;
            if (close_cycle(graph, component_of, component, node, edge, stage, out.cycle)) {
                out.closed = true;
                return out;
            }
        }
    }
    return out;
}

// What the search for one kind found in one component of the whole graph.
struct KindOutcome {
    bool searched = false;  // the kind's edges make a cycle there
    bool cut_off = false;
    std::set<std::string> found;  // kinds of the cycles found
};

// Walks the kinds in search order the way Elle walks one component: a kind
// that a cycle found before implies is not searched for, and the first search
// the bound cut off ends the component's search. Returns that search's stage.
std::optional<std::size_t> timed_out_stage(const std::vector<Stage>& all,
                                           const std::vector<KindOutcome>& outcomes,
                                           CycleSearchTimeout& timeout) {
    std::set<std::string> implied;
    for (std::size_t s = 0; s < all.size(); ++s) {
        const auto& outcome = outcomes[s];
        if (!outcome.searched) {
            continue;
        }
        if (!outcome.found.empty()) {
            for (const auto& kind : outcome.found) {
                const auto more = implied_cycle_anomalies(kind);
                implied.insert(kind);
                implied.insert(more.begin(), more.end());
            }
            continue;
        }
        if (implied.count(all[s].kind) != 0) {
            continue;
        }
        if (outcome.cut_off) {
            timeout.anomaly_spec_type = all[s].kind;
            return s;
        }
        timeout.does_not_contain.push_back(all[s].kind);
    }
    return std::nullopt;
}

// Elle's fallback: a depth-first walk from the component's first node that
// stops at the first edge back into its own path, which a strongly connected
// component always has.
Cycle fallback_cycle(const TxnGraph& graph, const std::vector<std::size_t>& scc_of, std::size_t scc,
                     std::size_t start) {
    std::vector<std::size_t> path{start};
    std::vector<const Edge*> taken;  // taken[i] leads from path[i] to path[i + 1]
    std::unordered_map<std::size_t, std::size_t> position{{start, 0}};
    while (true) {
        const auto at = path.back();
        const Edge* next = nullptr;
        for (const auto& edge : graph.out(at)) {
            if (scc_of[edge.to] != scc) {
                continue;
            }
            if (const auto it = position.find(edge.to); it != position.end()) {
                Cycle cycle;
                for (auto i = it->second; i + 1 < path.size(); ++i) {
                    cycle.steps.push_back(CycleStep{path[i], taken[i]});
                }
                cycle.steps.push_back(CycleStep{at, &edge});
                cycle.anomaly = classify_cycle(cycle.steps);
                cycle.fallback = true;
                return cycle;
            }
            next = next == nullptr ? &edge : next;
        }
        position.emplace(next->to, path.size());
        path.push_back(next->to);
        taken.push_back(next);
    }
}

}  // namespace

CycleSearch find_anomalous_cycles(const TxnGraph& graph, std::size_t max_attempts) {
    const auto sccs = cyclic_components(graph, kEveryEdge);
    std::vector<std::size_t> scc_of(graph.size(), kNone);
    for (std::size_t i = 0; i < sccs.size(); ++i) {
        for (const auto node : sccs[i]) {
            scc_of[node] = i;
        }
    }
    struct Found {
        std::size_t stage;
        std::size_t scc;
        Cycle cycle;
    };
    const auto all = stages();
    std::vector<std::vector<KindOutcome>> outcomes(sccs.size(),
                                                   std::vector<KindOutcome>(all.size()));
    std::vector<Found> found;
    std::vector<std::size_t> component_of(graph.size(), kNone);
    for (std::size_t s = 0; s < all.size(); ++s) {
        const auto components = cyclic_components(graph, all[s].component_mask);
        std::fill(component_of.begin(), component_of.end(), kNone);
        for (std::size_t c = 0; c < components.size(); ++c) {
            for (const auto node : components[c]) {
                component_of[node] = c;
            }
        }
        for (std::size_t c = 0; c < components.size(); ++c) {
            const auto scc = scc_of[components[c].front()];
            auto& outcome = outcomes[scc][s];
            auto result =
                search_component(graph, component_of, c, components[c], all[s], max_attempts);
            outcome.searched = true;
            outcome.cut_off = outcome.cut_off || result.cut_off;
            if (result.closed) {
                Cycle cycle{classify_cycle(result.cycle), std::move(result.cycle)};
                outcome.found.insert(cycle.anomaly);
                found.push_back(Found{s, scc, std::move(cycle)});
            }
        }
    }

    CycleSearch out;
    std::vector<std::size_t> stop(sccs.size(), all.size());
    std::vector<Found> fallbacks;
    for (std::size_t i = 0; i < sccs.size(); ++i) {
        CycleSearchTimeout timeout;
        if (const auto s = timed_out_stage(all, outcomes[i], timeout)) {
            stop[i] = *s;
            timeout.scc_size = sccs[i].size();
            out.timeouts.push_back(std::move(timeout));
            fallbacks.push_back(
                Found{all.size(), i, fallback_cycle(graph, scc_of, i, sccs[i].front())});
        }
    }
    for (auto& f : found) {
        if (f.stage < stop[f.scc]) {
            out.cycles.push_back(std::move(f.cycle));
            out.cycle_components.push_back(f.scc);
        }
    }
    for (auto& f : fallbacks) {
        out.cycles.push_back(std::move(f.cycle));
        out.cycle_components.push_back(f.scc);
    }
    return out;
}

}  // namespace sim::elle
