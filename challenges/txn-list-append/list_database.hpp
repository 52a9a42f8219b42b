#pragma once
// The whole txn-list-append database as one value: every key's list, in
// append order. A transaction runs against a copy, so a failed commit leaves
// the original untouched. The stored form is a JSON array of [key, list]
// pairs in key order, deterministic so that the same database always encodes
// to the same value (lin-kv's cas compares whole values).
#include <boost/json.hpp>
#include <maelstrom/json_order.hpp>
#include <map>

namespace txn_list_append {

namespace json = boost::json;

struct TxnResult {
    json::array completed;  // the transaction with every read filled in
    bool appended = false;  // false: the database is unchanged
};

class ListDatabase {
  public:
    // Runs [[f, key, value], ...] (f "r" or "append") against this database,
    // changing it. Throws std::invalid_argument for a malformed transaction
    // before changing anything.
    TxnResult apply(const json::array& operations);

    // The key's list, null if nothing was ever appended to it.
    json::value read(const json::value& key) const;
    bool empty() const noexcept { return lists_.empty(); }
    // Every element of every list. Each commit appends, so of two states
    // that have been stored the larger one is the later.
    std::size_t element_count() const noexcept { return element_count_; }

    json::value encode() const;
    // Null (the stored key does not exist yet) is the empty database. Throws
    // std::runtime_error (not invalid_argument, which blames the request) for
    // a value encode() cannot have produced.
    static ListDatabase decode(const json::value& stored);

    friend bool operator==(const ListDatabase&, const ListDatabase&) = default;

  private:
    std::map<json::value, json::array, maelstrom::json_less> lists_;
    std::size_t element_count_ = 0;
};

// Throws std::invalid_argument unless every operation is ["r", key, null] or
// ["append", key, element].
void validate(const json::array& operations);
// True when the transaction appends nothing: it can be answered from one read.
bool read_only(const json::array& operations);

}  // namespace txn_list_append
