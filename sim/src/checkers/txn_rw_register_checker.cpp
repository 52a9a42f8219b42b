#include "checkers/txn_rw_register_checker.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "checkers/elle_cycle_search.hpp"
#include "checkers/elle_graph.hpp"
#include "checkers/elle_ops.hpp"
#include "checkers/elle_orders.hpp"
#include "checkers/elle_report.hpp"
#include "checkers/elle_txns.hpp"
#include "checkers/elle_verdict.hpp"

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
        auto table = elle::parse_txns<Txn>(paired_, errors,
                                           [this](const PairedOp& op) { return parse_txn(op); });
        txns_ = std::move(table.txns);
        nodes_ = std::move(table.nodes);
        ok_count_ = table.ok_count;
        for (std::size_t t = 0; t < txns_.size(); ++t) {
            index_txn(t, errors);
        }
    }

    void find_anomalies(AnomalyLog& log) {
        graph_.emplace(nodes_.size());
        for (auto& k : keys_) {
            link_key(k, log);
        }
        elle::NodeOps node_ops;
        for (const auto t : nodes_) {
            node_ops.push_back(txns_[t].op);
        }
        elle::link_process_order(*graph_, node_ops);
        elle::link_realtime_order(*graph_, node_ops);
        // Maelstrom's wrapper strips Elle's cycle-search-timeout from the
        // result of this workload; the fallback cycle stays.
        for (const auto& cycle : elle::find_anomalous_cycles(*graph_).cycles) {
            log.add(cycle.anomaly, elle::describe_cycle(cycle, node_ops));
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

    json::value txn_json(std::size_t t) const { return elle::op_json(*txns_[t].op); }

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

}  // namespace

CheckResult check_txn_rw_register(const History& history,
                                  const std::vector<std::string>& consistency_models) {
    AnomalyLog errors;
    AnomalyLog anomalies;
    Analysis analysis(history);
    analysis.parse(errors);
    analysis.report_internal(anomalies);
    analysis.find_anomalies(anomalies);

    return elle::elle_verdict(anomalies, errors, consistency_models);
}

}  // namespace sim
