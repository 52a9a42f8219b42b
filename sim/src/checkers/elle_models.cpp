#include "checkers/elle_models.hpp"

#include <algorithm>
#include <map>

namespace sim::elle {
namespace {

using Set = std::set<std::string>;

Set with(Set base, const Set& more) {
    base.insert(more.begin(), more.end());
    return base;
}

Set variants(const Set& base, const std::vector<std::string>& suffixes) {
    Set out;
    for (const auto& a : base) {
        for (const auto& s : suffixes) {
            out.insert(a + s);
        }
    }
    return out;
}

const std::map<std::string, Set>& table() {
    static const std::map<std::string, Set> models = [] {
        // A read of a value nobody wrote is impossible under every model, and so
        // is a list holding one append twice (Elle: PL-1 prohibits it).
        const Set read_uncommitted{"G0", "cyclic-versions", "garbage-read", "duplicate-elements"};
        // Elle counts incompatible-order and dirty-update as G1a, and a
        // future read as G1c: whatever prohibits those prohibits them.
        const Set read_committed =
            with(read_uncommitted,
                 {"G1a", "G1b", "G1c", "incompatible-order", "dirty-update", "future-read"});
        const Set read_atomic = with(read_committed, {"internal"});
        const Set cursor_stability = with(read_committed, {"lost-update"});
        const Set repeatable_read =
            with(cursor_stability, {"G2-item", "G-single-item", "G-nonadjacent-item"});
        const Set snapshot_isolation = with(
            read_committed, {"internal", "lost-update", "G-single-item", "G-nonadjacent-item"});
        const Set serializable = with(with(repeatable_read, snapshot_isolation), {"G2-item"});
        const Set cycles{"G0", "G1c", "G-single-item", "G-nonadjacent-item", "G2-item"};
        const Set si_cycles{"G0", "G1c", "G-single-item", "G-nonadjacent-item"};
        std::map<std::string, Set> m;
        m["read-uncommitted"] = read_uncommitted;
        m["read-committed"] = read_committed;
        m["monotonic-atomic-view"] = read_committed;
        m["read-atomic"] = read_atomic;
        m["causal-cerone"] = read_atomic;
        m["cursor-stability"] = cursor_stability;
        m["repeatable-read"] = repeatable_read;
        m["snapshot-isolation"] = snapshot_isolation;
        m["serializable"] = serializable;
        m["strong-session-serializable"] = with(serializable, variants(cycles, {"-process"}));
        m["strong-snapshot-isolation"] =
            with(snapshot_isolation, variants(si_cycles, {"-process", "-realtime"}));
        m["strict-serializable"] = with(serializable, variants(cycles, {"-process", "-realtime"}));
        // Elle maps no transactional anomalies to these single-object models.
        m["linearizable"] = {};
        m["sequential"] = {};
        return m;
    }();
    return models;
}

const std::map<std::string, std::vector<std::string>>& cycle_implications() {
    static const std::map<std::string, std::vector<std::string>> graph{
        {"G0", {"G1c", "G0-process"}},
        {"G0-process", {"G1c-process", "G0-realtime"}},
        {"G0-realtime", {"G1c-realtime"}},
        {"G1c", {"G1c-process"}},
        {"G1c-process", {"G1c-realtime"}},
        {"G-single-item", {"G-single-item-process", "G-nonadjacent-item"}},
        {"G-single-item-process", {"G-single-item-realtime", "G-nonadjacent-item-process"}},
        {"G-single-item-realtime", {"G-nonadjacent-item-realtime"}},
        {"G-nonadjacent-item", {"G2-item", "G-nonadjacent-item-process"}},
        {"G-nonadjacent-item-process", {"G2-item-process", "G-nonadjacent-item-realtime"}},
        {"G-nonadjacent-item-realtime", {"G2-item-realtime"}},
        {"G2-item", {"G2-item-process"}},
        {"G2-item-process", {"G2-item-realtime"}},
    };
    return graph;
}

}  // namespace

std::set<std::string> implied_cycle_anomalies(const std::string& anomaly) {
    std::set<std::string> out;
    std::vector<std::string> todo{anomaly};
    while (!todo.empty()) {
        const auto at = todo.back();
        todo.pop_back();
        const auto it = cycle_implications().find(at);
        if (it == cycle_implications().end()) {
            continue;
        }
        for (const auto& next : it->second) {
            if (out.insert(next).second) {
                todo.push_back(next);
            }
        }
    }
    return out;
}

std::optional<std::set<std::string>> prohibited_anomalies(const std::string& model) {
    const auto it = table().find(model);
    if (it == table().end()) {
        return std::nullopt;
    }
    return it->second;
}

std::vector<std::string> known_models() {
    std::vector<std::string> out;
    for (const auto& [name, anomalies] : table()) {
        out.push_back(name);
    }
    return out;
}

RuledOut ruled_out_models(const std::set<std::string>& anomaly_types) {
    std::vector<std::string> out;
    for (const auto& entry : table()) {
        const auto& prohibited = entry.second;
        const bool violated = std::any_of(anomaly_types.begin(), anomaly_types.end(),
                                          [&](const auto& a) { return prohibited.count(a) != 0; });
        if (violated) {
            out.push_back(entry.first);
        }
    }
    RuledOut result;
    for (const auto& name : out) {
        const auto& mine = table().at(name);
        // A model is only "also" ruled out when a strictly weaker one (one
        // prohibiting a strict subset of its anomalies) is ruled out too.
        const bool has_weaker = std::any_of(out.begin(), out.end(), [&](const auto& other) {
            const auto& theirs = table().at(other);
            return theirs.size() < mine.size() &&
                   std::includes(mine.begin(), mine.end(), theirs.begin(), theirs.end());
        });
        (has_weaker ? result.stronger : result.weakest).push_back(name);
    }
    return result;
}

}  // namespace sim::elle
