#pragma once
// The transactions of a paired history as the cycle checkers see them:
// parsed, a malformed one reported and skipped, and every one that did not
// fail numbered as a node of the dependency graph. The transaction type has
// `op` (its PairedOp) and `node`.
#include <boost/json.hpp>
#include <cstddef>
#include <stdexcept>
#include <vector>

#include "checkers/elle_ops.hpp"
#include "checkers/elle_report.hpp"

namespace sim::elle {

template <class Txn>
struct TxnTable {
    std::vector<Txn> txns;
    std::vector<std::size_t> nodes;  // graph node -> txn
    std::size_t ok_count = 0;
};

// `parse` turns one txn op into a Txn or throws std::invalid_argument.
template <class Txn, class Parse>
TxnTable<Txn> parse_txns(const PairedHistory& paired, AnomalyLog& errors, Parse parse) {
    TxnTable<Txn> table;
    for (const auto& op : paired.ops) {
        if (op.invoke->f != "txn") {
            continue;
        }
        try {
            table.txns.push_back(parse(op));
        } catch (const std::invalid_argument& e) {
            errors.add("malformed-op",
                       boost::json::object{{"op", op.invoke_index()}, {"error", e.what()}});
        }
    }
    for (std::size_t t = 0; t < table.txns.size(); ++t) {
        const auto outcome = table.txns[t].op->outcome();
        if (outcome != OpType::fail) {
            table.txns[t].node = table.nodes.size();
            table.nodes.push_back(t);
        }
        table.ok_count += outcome == OpType::ok ? 1 : 0;
    }
    return table;
}

}  // namespace sim::elle
