#include "checkers/list_append_checker.hpp"

#include <map>
#include <set>
#include <unordered_map>

#include "checkers/elle_cycle_search.hpp"
#include "checkers/elle_graph.hpp"
#include "checkers/elle_models.hpp"
#include "checkers/elle_orders.hpp"
#include "checkers/elle_report.hpp"
#include "checkers/elle_verdict.hpp"
#include "checkers/list_append_anomalies.hpp"
#include "checkers/list_append_index.hpp"

namespace sim {
namespace {

namespace json = boost::json;
using elle::AppendIndex;
using elle::kNoIndex;

// Elle's dependencies between txns that did not fail: wr from the appender of
// a read's last element, and for every append, ww from the appender of the
// element just before it in the version order and rw from the txns that read
// the list ending there. An append nobody read still follows the last element
// anyone read.
class DependencyLinker {
  public:
    DependencyLinker(const AppendIndex& index, elle::TxnGraph& graph)
        : index_(index), graph_(graph) {}

    void link() {
        for (std::size_t k = 0; k < index_.keys().size(); ++k) {
            index_readers(k);
            for (const auto& ref : index_.keys()[k].reads) {
                link_read(k, ref);
            }
        }
        const auto& txns = index_.txns();
        for (std::size_t t = 0; t < txns.size(); ++t) {
            if (txns[t].node == kNoIndex) {
                continue;
            }
            for (const auto& m : txns[t].mops) {
                if (m.append) {
                    link_append(t, m);
                }
            }
        }
    }

  private:
    static constexpr const char* kInit = "";  // no element: the empty list

    // key -> last element read ("" for the empty list) -> reading txns
    void index_readers(std::size_t k) {
        readers_.emplace_back();
        for (const auto& ref : index_.keys()[k].reads) {
            const auto& elements = index_.mop(ref).elements;
            readers_[k][elements.empty() ? kInit : elements.back()].push_back(ref.txn);
        }
    }

    // The node of the non-failed txn that appended `element`, if any.
    std::size_t appender_node(std::size_t k, const std::string& element) const {
        const auto* writer = index_.appender(k, element);
        return writer == nullptr ? kNoIndex : index_.txns()[writer->txn].node;
    }

    json::value element(std::size_t k, const std::string& e) const {
        return e == kInit ? json::value(nullptr) : index_.keys()[k].element_json.at(e);
    }

    void link_read(std::size_t k, const elle::MopRef& ref) {
        const auto& elements = index_.mop(ref).elements;
        if (elements.empty()) {
            return;
        }
        const auto from = appender_node(k, elements.back());
        if (from != kNoIndex) {
            graph_.link(from, index_.txns()[ref.txn].node, elle::wr,
                        json::object{{"key", index_.keys()[k].key},
                                     {"value", element(k, elements.back())}});
        }
    }

    void link_append(std::size_t t, const elle::AppendMop& m) {
        const auto& key = index_.keys()[m.key];
        std::string previous = kInit;
        if (const auto it = key.position.find(m.element); it != key.position.end()) {
            previous = it->second == 0 ? kInit : key.order[it->second - 1];
        } else if (!key.order.empty()) {
            previous = key.order.back();
        }
        const auto to = index_.txns()[t].node;
        const json::object why{{"key", key.key},
                               {"value", element(m.key, previous)},
                               {"value'", element(m.key, m.element)}};
        if (previous != kInit) {
            const auto from = appender_node(m.key, previous);
            if (from != kNoIndex) {
                graph_.link(from, to, elle::ww, why);
            }
        }
        const auto& readers = readers_[m.key];
        if (const auto it = readers.find(previous); it != readers.end()) {
            for (const auto reader : it->second) {
                graph_.link(index_.txns()[reader].node, to, elle::rw, why);
            }
        }
    }

    const AppendIndex& index_;
    elle::TxnGraph& graph_;
    std::vector<std::unordered_map<std::string, std::vector<std::size_t>>> readers_;
};

void find_cycles(const AppendIndex& index, elle::AnomalyLog& log) {
    elle::NodeOps node_ops;
    for (const auto t : index.nodes()) {
        node_ops.push_back(index.txns()[t].op);
    }
    elle::TxnGraph graph(node_ops.size());
    DependencyLinker(index, graph).link();
    elle::link_process_order(graph, node_ops);
    elle::link_realtime_order(graph, node_ops);
    const auto search = elle::find_anomalous_cycles(graph);
    // Elle searches each strongly connected component of the whole graph and
    // skips the kinds a cycle it already found there implies (a G0 is also a
    // G1c and a G0-realtime): report only the strongest kinds per component.
    // Fallback cycles stand apart from that search: Elle reports them whatever
    // they imply or are implied by.
    std::map<std::size_t, std::set<std::string>> implied;  // component -> implied kinds
    for (std::size_t i = 0; i < search.cycles.size(); ++i) {
        if (!search.cycles[i].fallback) {
            const auto more = elle::implied_cycle_anomalies(search.cycles[i].anomaly);
            implied[search.cycle_components[i]].insert(more.begin(), more.end());
        }
    }
    for (std::size_t i = 0; i < search.cycles.size(); ++i) {
        const auto& cycle = search.cycles[i];
        if (cycle.fallback || implied[search.cycle_components[i]].count(cycle.anomaly) == 0) {
            log.add(cycle.anomaly, elle::describe_cycle(cycle, node_ops));
        }
    }
    for (const auto& timeout : search.timeouts) {
        log.add("cycle-search-timeout", elle::describe_timeout(timeout));
    }
}

}  // namespace

CheckResult check_txn_list_append(const History& history,
                                  const std::vector<std::string>& consistency_models) {
    elle::AnomalyLog errors;
    elle::AnomalyLog anomalies;
    const AppendIndex index(history, errors);
    elle::find_read_anomalies(index, anomalies);
    elle::find_internal_anomalies(index, anomalies);
    elle::find_order_anomalies(index, anomalies);
    elle::find_lost_updates(index, anomalies);
    find_cycles(index, anomalies);
    if (index.ok_count() == 0) {
        anomalies.add("empty-transaction-graph", json::object{{"ok-txns", 0}});
    }
    // Elle's own verdict: Maelstrom does not wrap this workload's checker.
    elle::VerdictPolicy policy;
    policy.unknown_types = {"empty-transaction-graph", "cycle-search-timeout"};
    policy.unknown_types_invalid = false;
    return elle::elle_verdict(anomalies, errors, consistency_models, policy);
}

}  // namespace sim
