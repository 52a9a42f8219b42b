#pragma once
// Runs transactions against the database held in a DatabaseStore, so that
// each takes effect at one instant (strict serializability):
// - a read-only transaction is answered from one linearizable read;
// - a transaction that appends is applied to the last database this node
//   knows and committed with compare-and-set from that database; when another
//   commit got in first, the node reads the current database and tries again.
// A node commits one transaction at a time: its concurrent transactions would
// otherwise start from the same cached database and all but one lose the
// race, each costing a read and another compare-and-set; queued behind each
// other, each starts from the commit before it.
// Every failed compare-and-set means another commit succeeded, so the system
// as a whole always makes progress; a transaction that loses too many races
// in a row gives up with txn-conflict, which is definite (nothing was stored).
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <random>

#include "database_store.hpp"
#include "list_database.hpp"

namespace txn_list_append {

struct CommitterOptions {
    int max_attempts = 50;
    // No new attempt starts this long after the first: Maelstrom's client
    // gives up at 5 s, and a definite txn-conflict before then tells it more
    // than a timeout.
    std::chrono::milliseconds give_up_after{4000};
    // Lost races are followed by a random pause of up to min(attempt, this)
    // milliseconds, so that repeatedly colliding commits drift apart.
    std::chrono::milliseconds max_backoff{10};
    // Called before the committer waits for another of this node's commits
    // or pauses after a lost race: a node hands its input on here
    // (maelstrom::Node::prepare_to_block), or it stops reading until its
    // stall check notices, up to 10 ms later.
    std::function<void()> before_waiting;
};

struct CommitterStats {
    std::int64_t reads = 0;
    std::int64_t commits = 0;
    std::int64_t lost_races = 0;
    std::int64_t conflicts = 0;  // transactions given up
};

class TxnCommitter {
  public:
    explicit TxnCommitter(DatabaseStore& store, CommitterOptions options = {});

    // The transaction with its reads filled in. Throws std::invalid_argument
    // for a malformed transaction (nothing sent), maelstrom::rpc_error
    // txn_conflict after max_attempts lost races or give_up_after, and whatever the store
    // throws.
    json::array execute(const json::array& operations);

    CommitterStats stats() const;

  private:
    struct Snapshot {
        json::value encoded;  // exactly as stored: the cas compares it
        ListDatabase database;
    };

    json::array execute_read_only(const json::array& operations);
    Snapshot fetch();
    Snapshot latest() const;
    void remember(Snapshot snapshot);
    void pause_after_lost_race(int attempt);
    void about_to_wait() const;

    DatabaseStore& store_;
    CommitterOptions options_;
    std::mutex commit_mutex_;   // held for a whole commit loop
    mutable std::mutex mutex_;  // guards the members below
    Snapshot latest_;
    CommitterStats stats_;
    std::minstd_rand random_;
};

}  // namespace txn_list_append
