#pragma once
// The txn-list-append node: stateless apart from a cache, it keeps the whole
// database in Maelstrom's lin-kv service under one key, which partitions
// between nodes never cut off (docs/challenges/txn-list-append.md).
#include <chrono>
#include <maelstrom/maelstrom.hpp>
#include <string>

#include "database_store.hpp"
#include "txn_committer.hpp"

namespace txn_list_append {

inline constexpr const char* database_key = "txn-list-append-database";

class ListAppendNode {
  public:
    explicit ListAppendNode(
        maelstrom::Node& node, CommitterOptions options = {},
        std::chrono::milliseconds store_timeout = std::chrono::milliseconds(4000));

  private:
    void on_txn(const maelstrom::Message& request);

    maelstrom::Node& node_;
    LinKvDatabaseStore store_;
    TxnCommitter committer_;
};

}  // namespace txn_list_append
