#include "checkers/txn_rw_register_checker.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "checkers/elle_graph.hpp"
#include "checkers/elle_models.hpp"
#include "checkers/elle_ops.hpp"
#include "checkers/elle_report.hpp"

namespace sim {
namespace {

namespace json = boost::json;
using elle::AnomalyLog;
using elle::PairedOp;
using elle::TxnGraph;

constexpr std::size_t kNoNode = std::numeric_limits<std::size_t>::max();

struct MicroOp {
    bool write = false;
    std::size_t key = 0;
    std::size_t version = 0;  // 0 is the initial (null) version
    const json::value* raw = nullptr;
};

struct Txn {
    const PairedOp* op = nullptr;
    std::size_t node = kNoNode;  // position in the transaction graph, if any
    std::vector<MicroOp> mops;
};

struct Writer {
    std::size_t txn = kNoNode;  // index into the transaction list
    bool final = false;         // the txn's last write of the key
};

struct KeyState {
    json::value key;
    std::unordered_map<std::string, std::size_t> version_ids;
    std::vector<json::value> versions{nullptr};
    std::vector<std::optional<Writer>> writers{std::nullopt};
    std::vector<std::vector<std::size_t>> readers{{}};  // :ok external readers (txn indices)
    std::vector<std::pair<std::size_t, std::size_t>> version_order;  // known "a before b"
    // version read -> txns that read that version and then wrote the key
    std::map<std::size_t, std::vector<std::size_t>> updaters;

    std::size_t version(const json::value& v) {
        if (v.is_null()) {
            return 0;
        }
        auto [it, inserted] = version_ids.try_emplace(json::serialize(v), versions.size());
        if (inserted) {
            versions.push_back(v);
            writers.emplace_back();
            readers.emplace_back();
        }
        return it->second;
    }
};

class Analysis {
  public:
    explicit Analysis(const History& history) : paired_(elle::pair_ops(history)) {}

    void parse(AnomalyLog& errors) {
        for (const auto& op : paired_.ops) {
            if (op.invoke->f != "txn") {
                continue;
            }
            try {
                txns_.push_back(parse_txn(op));
            } catch (const std::invalid_argument& e) {
                errors.add("malformed-op",
                           json::object{{"op", op.invoke_index()}, {"error", e.what()}});
            }
        }
        for (std::size_t t = 0; t < txns_.size(); ++t) {
            const auto outcome = txns_[t].op->outcome();
            if (outcome != OpType::fail) {
                txns_[t].node = nodes_.size();
                nodes_.push_back(t);
            }
            ok_count_ += outcome == OpType::ok ? 1 : 0;
        }
        for (std::size_t t = 0; t < txns_.size(); ++t) {
            index_txn(t, errors);
        }
    }

    void find_anomalies(AnomalyLog& log) {
        graph_.emplace(nodes_.size());
        for (auto& k : keys_) {
            link_key(k, log);
        }
        link_process_order();
        link_realtime_order();
        for (const auto& cycle : elle::find_anomalous_cycles(*graph_)) {
            log.add(cycle.anomaly, describe(cycle));
        }
        if (ok_count_ == 0) {
            log.add("empty-transaction-graph", json::object{{"ok-txns", 0}});
        }
    }

  private:
    Txn parse_txn(const PairedOp& op) {
        Txn txn;
        txn.op = &op;
        const auto& value = op.value();
        if (!value.is_array()) {
            throw std::invalid_argument("txn is not an array: " + json::serialize(value));
        }
        const bool reads_known = op.outcome() == OpType::ok;
        for (const auto& raw : value.get_array()) {
            const auto* mop = raw.if_array();
            if (mop == nullptr || mop->size() != 3 || !(*mop)[0].is_string()) {
                throw std::invalid_argument("micro-op is not [f, key, value]: " +
                                            json::serialize(raw));
            }
            const auto f = (*mop)[0].get_string();
            if (f != "r" && f != "w") {
                throw std::invalid_argument("micro-op is neither r nor w: " + json::serialize(raw));
            }
            if ((*mop)[1].is_null() || (*mop)[1].is_array() || (*mop)[1].is_object()) {
                throw std::invalid_argument("micro-op key is not a scalar: " +
                                            json::serialize(raw));
            }
            MicroOp m;
            m.write = f == "w";
            m.raw = &raw;
            if (m.write && (*mop)[2].is_null()) {
                throw std::invalid_argument("write of null: " + json::serialize(raw));
            }
            if (!m.write && !reads_known) {
                continue;  // a read that did not complete observed nothing
            }
            m.key = key_id((*mop)[1]);
            m.version = keys_[m.key].version((*mop)[2]);
            txn.mops.push_back(m);
        }
        return txn;
    }

    std::size_t key_id(const json::value& key) {
        auto [it, inserted] = key_ids_.try_emplace(json::serialize(key), keys_.size());
        if (inserted) {
            keys_.emplace_back();
            keys_.back().key = key;
        }
        return it->second;
    }

    // Records writers, external reads, internal consistency and the version
    // order writes-follow-reads gives: a txn that read v1 of k and then wrote
    // v2 of k installed v2 after v1.
    void index_txn(std::size_t t, AnomalyLog& errors) {
        auto& txn = txns_[t];
        const bool ok = txn.op->outcome() == OpType::ok;
        std::unordered_map<std::size_t, std::size_t> last_write;  // key -> mop position
        for (std::size_t i = 0; i < txn.mops.size(); ++i) {
            if (txn.mops[i].write) {
                last_write[txn.mops[i].key] = i;
            }
        }
        std::unordered_map<std::size_t, std::size_t> current;  // key -> version this txn sees
        std::unordered_map<std::size_t, std::size_t> external_read;
        for (std::size_t i = 0; i < txn.mops.size(); ++i) {
            const auto& m = txn.mops[i];
            auto& k = keys_[m.key];
            if (m.write) {
                if (k.writers[m.version]) {
                    errors.add("duplicate-write", json::object{{"op", txn.op->invoke_index()},
                                                               {"key", k.key},
                                                               {"value", k.versions[m.version]}});
                } else {
                    k.writers[m.version] = Writer{t, last_write[m.key] == i};
                }
                current[m.key] = m.version;
                continue;
            }
            if (auto seen = current.find(m.key); seen != current.end()) {
                if (seen->second != m.version && ok) {
                    internal_.push_back({t, i, seen->second});
                }
                seen->second = m.version;
                continue;
            }
            current[m.key] = m.version;
            external_read[m.key] = m.version;
            k.readers[m.version].push_back(t);
        }
        for (const auto& [key, read] : external_read) {
            if (auto w = last_write.find(key); w != last_write.end()) {
                const auto written = txn.mops[w->second].version;
                keys_[key].version_order.emplace_back(read, written);
                keys_[key].updaters[read].push_back(t);
            }
        }
    }

    json::value txn_json(std::size_t t) const {
        const auto& op = *txns_[t].op;
        return json::object{{"index", op.invoke_index()},
                            {"process", op.invoke->process},
                            {"type", op.outcome() == OpType::ok     ? "ok"
                                     : op.outcome() == OpType::fail ? "fail"
                                                                    : "info"},
                            {"value", op.value()}};
    }

    void link_key(KeyState& k, AnomalyLog& log) {
        for (std::size_t v = 0; v < k.versions.size(); ++v) {
            for (const auto reader : k.readers[v]) {
                if (v == 0) {
                    continue;
                }
                const auto& writer = k.writers[v];
                auto mop = json::array{"r", k.key, k.versions[v]};
                if (!writer) {
                    log.add("garbage-read", json::object{{"op", txn_json(reader)}, {"mop", mop}});
                    continue;
                }
                if (writer->txn == reader) {
                    continue;  // reported as internal: read-your-writes went wrong
                }
                if (txns_[writer->txn].op->outcome() == OpType::fail) {
                    log.add("G1a", json::object{{"op", txn_json(reader)},
                                                {"mop", mop},
                                                {"writer", txn_json(writer->txn)}});
                    continue;
                }
                if (!writer->final) {
                    log.add("G1b", json::object{{"op", txn_json(reader)},
                                                {"mop", mop},
                                                {"writer", txn_json(writer->txn)}});
                    continue;
                }
                graph_->link(txns_[writer->txn].node, txns_[reader].node, elle::wr,
                             json::object{{"key", k.key}, {"value", k.versions[v]}});
            }
        }
        // Every key starts out null, so null precedes every committed version.
        auto order = k.version_order;
        for (std::size_t v = 1; v < k.versions.size(); ++v) {
            if (committed_final(k, v)) {
                order.emplace_back(0, v);
            }
        }
        std::sort(order.begin(), order.end());
        order.erase(std::unique(order.begin(), order.end()), order.end());
        check_version_cycles(k, order, log);
        for (const auto& [before, after] : order) {
            if (!committed_final(k, after)) {
                continue;
            }
            const auto later = txns_[k.writers[after]->txn].node;
            if (before != 0 && committed_final(k, before)) {
                graph_->link(txns_[k.writers[before]->txn].node, later, elle::ww,
                             json::object{{"key", k.key},
                                          {"value", k.versions[before]},
                                          {"value'", k.versions[after]}});
            }
            for (const auto reader : k.readers[before]) {
                graph_->link(txns_[reader].node, later, elle::rw,
                             json::object{{"key", k.key},
                                          {"value", k.versions[before]},
                                          {"value'", k.versions[after]}});
            }
        }
        for (const auto& [version, txns] : k.updaters) {
            std::vector<std::size_t> ok_txns;
            std::copy_if(txns.begin(), txns.end(), std::back_inserter(ok_txns),
                         [&](auto t) { return txns_[t].op->outcome() == OpType::ok; });
            if (ok_txns.size() > 1) {
                json::array ops;
                for (const auto t : ok_txns) {
                    ops.push_back(txn_json(t));
                }
                log.add("lost-update", json::object{{"key", k.key},
                                                    {"value", k.versions[version]},
                                                    {"txns", std::move(ops)}});
            }
        }
    }

    bool committed_final(const KeyState& k, std::size_t v) const {
        return v != 0 && k.writers[v] && k.writers[v]->final &&
               txns_[k.writers[v]->txn].op->outcome() != OpType::fail;
    }

    void check_version_cycles(const KeyState& k,
                              const std::vector<std::pair<std::size_t, std::size_t>>& order,
                              AnomalyLog& log) {
        TxnGraph versions(k.versions.size());
        for (const auto& [before, after] : order) {
            versions.link(before, after, elle::ww);
        }
        for (const auto& component : elle::cyclic_components(versions, elle::ww)) {
            json::array values;
            for (const auto v : component) {
                values.push_back(k.versions[v]);
            }
            log.add("cyclic-versions", json::object{{"key", k.key}, {"scc", std::move(values)}});
        }
    }

    void link_process_order() {
        std::unordered_map<std::int64_t, std::size_t> last;  // process -> txn
        for (std::size_t t = 0; t < txns_.size(); ++t) {
            if (txns_[t].node == kNoNode) {
                continue;
            }
            const auto process = txns_[t].op->invoke->process;
            if (auto it = last.find(process); it != last.end()) {
                graph_->link(txns_[it->second].node, txns_[t].node, elle::process);
            }
            last[process] = t;
        }
    }

    // Links each txn from the latest txns that completed before it began;
    // older ones reach it transitively, which keeps the graph linear in size.
    void link_realtime_order() {
        struct Event {
            std::int64_t index;
            bool completion;
            std::size_t txn;
        };
        std::vector<Event> events;
        for (std::size_t t = 0; t < txns_.size(); ++t) {
            const auto& op = *txns_[t].op;
            if (txns_[t].node == kNoNode) {
                continue;
            }
            events.push_back({op.invoke_index(), false, t});
            if (op.outcome() == OpType::ok) {
                events.push_back({op.complete_index(), true, t});
            }
        }
        std::sort(events.begin(), events.end(),
                  [](const auto& a, const auto& b) { return a.index < b.index; });
        std::unordered_set<std::size_t> frontier;
        std::unordered_map<std::size_t, std::vector<std::size_t>> predecessors;
        for (const auto& e : events) {
            if (!e.completion) {
                auto& preds = predecessors[e.txn];
                preds.assign(frontier.begin(), frontier.end());
                for (const auto p : preds) {
                    graph_->link(txns_[p].node, txns_[e.txn].node, elle::realtime);
                }
                continue;
            }
            for (const auto p : predecessors[e.txn]) {
                frontier.erase(p);
            }
            predecessors.erase(e.txn);
            frontier.insert(e.txn);
        }
    }

    json::value describe(const elle::Cycle& cycle) const {
        json::array txns;
        json::array steps;
        for (const auto& step : cycle.steps) {
            txns.push_back(txn_json(nodes_[step.from]));
            json::object s{{"type", elle::edge_type_name(step.edge->type)},
                           {"from", txns_[nodes_[step.from]].op->invoke_index()},
                           {"to", txns_[nodes_[step.edge->to]].op->invoke_index()}};
            if (step.edge->why.is_object()) {
                for (const auto& entry : step.edge->why.get_object()) {
                    s[entry.key()] = entry.value();
                }
            }
            steps.push_back(std::move(s));
        }
        return json::object{
            {"type", cycle.anomaly}, {"cycle", std::move(txns)}, {"steps", std::move(steps)}};
    }

  public:
    void report_internal(AnomalyLog& log) const {
        for (const auto& [t, position, expected] : internal_) {
            const auto& m = txns_[t].mops[position];
            log.add("internal", json::object{{"op", txn_json(t)},
                                             {"mop", *m.raw},
                                             {"expected", keys_[m.key].versions[expected]}});
        }
    }

  private:
    struct InternalCase {
        std::size_t txn;
        std::size_t mop;
        std::size_t expected_version;
    };

    elle::PairedHistory paired_;
    std::vector<Txn> txns_;
    std::vector<std::size_t> nodes_;  // graph node -> txn
    std::size_t ok_count_ = 0;
    std::vector<KeyState> keys_;
    std::unordered_map<std::string, std::size_t> key_ids_;
    std::vector<InternalCase> internal_;
    std::optional<TxnGraph> graph_;
};

json::array to_array(const std::set<std::string>& values) {
    json::array out;
    for (const auto& v : values) {
        out.push_back(json::value(v));
    }
    return out;
}

json::array to_array(const std::vector<std::string>& values) {
    json::array out;
    for (const auto& v : values) {
        out.push_back(json::value(v));
    }
    return out;
}

}  // namespace

CheckResult check_txn_rw_register(const History& history,
                                  const std::vector<std::string>& consistency_models) {
    AnomalyLog errors;
    AnomalyLog anomalies;
    Analysis analysis(history);
    analysis.parse(errors);
    analysis.report_internal(anomalies);
    analysis.find_anomalies(anomalies);

    std::set<std::string> prohibited;
    json::array unknown_models;
    for (const auto& model : consistency_models) {
        if (auto set = elle::prohibited_anomalies(model)) {
            prohibited.insert(set->begin(), set->end());
        } else {
            unknown_models.push_back(json::value(model));
        }
    }
    // Types that say the analysis could not conclude; Maelstrom counts them
    // against the run for this workload.
    const std::set<std::string> unknown_types{"empty-transaction-graph"};
    std::set<std::string> found;
    std::set<std::string> reportable;
    std::set<std::string> allowed;
    for (const auto& [type, entry] : anomalies.entries()) {
        found.insert(type);
        if (prohibited.count(type) != 0 || unknown_types.count(type) != 0) {
            reportable.insert(type);
        } else {
            allowed.insert(type);
        }
    }

    CheckResult result;
    json::object report;
    if (!reportable.empty()) {
        result.valid = Validity::invalid;
    } else if (!errors.empty() || !unknown_models.empty()) {
        result.valid = Validity::unknown;
    }
    if (!found.empty()) {
        json::object cases;
        json::object counts;
        for (const auto& [type, entry] : anomalies.entries()) {
            cases[type] = entry.examples;
            counts[type] = entry.count;
        }
        const auto ruled_out = elle::ruled_out_models(found);
        report["anomaly-types"] = to_array(reportable);
        report["allowed-anomaly-types"] = to_array(allowed);
        report["anomalies"] = std::move(cases);
        report["anomaly-counts"] = std::move(counts);
        report["not"] = to_array(ruled_out.weakest);
        report["also-not"] = to_array(ruled_out.stronger);
    }
    if (!errors.empty()) {
        json::object errs;
        for (const auto& [type, entry] : errors.entries()) {
            errs[type] = json::object{{"count", entry.count}, {"errs", entry.examples}};
        }
        report["errors"] = std::move(errs);
    }
    if (!unknown_models.empty()) {
        report["unknown-consistency-models"] = std::move(unknown_models);
        report["known-consistency-models"] = to_array(elle::known_models());
    }
    report["valid?"] = result.valid == Validity::valid     ? json::value(true)
                       : result.valid == Validity::invalid ? json::value(false)
                                                           : json::value("unknown");
    result.report = std::move(report);
    return result;
}

}  // namespace sim
