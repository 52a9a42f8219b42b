#pragma once
// A totally available transactional register node: each transaction runs
// atomically on the local replica and is answered at once; its final writes
// then reach the other replicas in the background, retried until
// acknowledged, and every replica keeps the highest-versioned write per key.
#include <chrono>
#include <maelstrom/maelstrom.hpp>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "outbox.hpp"
#include "register_store.hpp"

namespace txn {

struct TxnNodeOptions {
    // Replication cadence: batching trades replica freshness for messages.
    std::chrono::milliseconds replication_interval{50};
    std::size_t txns_per_batch = 4096;
};

class TxnNode {
  public:
    TxnNode(maelstrom::Node& node, TxnNodeOptions options = {});

  private:
    void start();
    void on_txn(const maelstrom::Message& request);
    void on_replicate(const maelstrom::Message& request);
    void replicate();

    maelstrom::Node& node_;
    TxnNodeOptions options_;
    std::mutex mutex_;
    std::unique_ptr<RegisterStore> store_;
    std::unique_ptr<Outbox> outbox_;
    std::set<std::string> peers_in_flight_;
};

}  // namespace txn
