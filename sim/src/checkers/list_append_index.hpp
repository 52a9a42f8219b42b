#pragma once
// A txn-list-append history read once into the indices Elle's list-append
// analysis works from: each transaction's micro-ops, who appended each
// element, and each key's version order as the longest read reveals it.
#include <boost/json.hpp>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "checkers/elle_ops.hpp"
#include "checkers/elle_report.hpp"
#include "run/history.hpp"

namespace sim::elle {

inline constexpr std::size_t kNoIndex = std::numeric_limits<std::size_t>::max();

// Elements and keys are any JSON; they are compared by their serialization.
struct AppendMop {
    bool append = false;
    std::size_t key = 0;
    std::string element;                // appends: the element appended
    std::vector<std::string> elements;  // reads: the list read, in order
    bool read_null = false;             // reads: the key did not exist
    const boost::json::value* raw = nullptr;
};

struct AppendTxn {
    const PairedOp* op = nullptr;
    std::size_t node = kNoIndex;  // graph node, for txns that did not fail
    // Reads are kept only for :ok txns: the others observed nothing.
    std::vector<AppendMop> mops;
    OpType outcome() const { return op->outcome(); }
};

struct Appender {
    std::size_t txn = kNoIndex;
    bool final = false;  // the txn's last append to the key (else intermediate)
};

struct MopRef {
    std::size_t txn = 0;
    std::size_t mop = 0;
};

struct KeyIndex {
    boost::json::value key;
    std::unordered_map<std::string, boost::json::value> element_json;
    std::unordered_map<std::string, Appender> appenders;
    std::vector<MopRef> reads;  // reads of :ok txns
    // Elle's version order: the distinct elements of the longest read.
    std::vector<std::string> order;
    std::unordered_map<std::string, std::size_t> position;
};

class AppendIndex {
  public:
    // Malformed operations and repeated appends of an element go to `errors`.
    AppendIndex(const History& history, AnomalyLog& errors);

    const std::vector<AppendTxn>& txns() const { return txns_; }
    const std::vector<KeyIndex>& keys() const { return keys_; }
    const AppendMop& mop(const MopRef& ref) const { return txns_[ref.txn].mops[ref.mop]; }
    // Graph node -> txn.
    const std::vector<std::size_t>& nodes() const { return nodes_; }
    std::size_t ok_count() const { return ok_count_; }

    // The appender of `element` to key `k`, if any txn appended it.
    const Appender* appender(std::size_t k, const std::string& element) const;
    boost::json::value txn_json(std::size_t t) const;
    boost::json::value list_json(std::size_t k, const std::vector<std::string>& elements) const;

  private:
    AppendTxn parse_txn(const PairedOp& op);
    std::size_t key_id(const boost::json::value& key);
    std::string element_id(std::size_t k, const boost::json::value& element);
    void index_appends(std::size_t t, AnomalyLog& errors);
    void infer_version_orders();

    PairedHistory paired_;
    std::vector<AppendTxn> txns_;
    std::vector<KeyIndex> keys_;
    std::unordered_map<std::string, std::size_t> key_ids_;
    std::vector<std::size_t> nodes_;
    std::size_t ok_count_ = 0;
};

}  // namespace sim::elle
