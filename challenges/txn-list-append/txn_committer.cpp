#include "txn_committer.hpp"

#include <algorithm>
#include <string>
#include <thread>
#include <utility>

namespace txn_list_append {

TxnCommitter::TxnCommitter(DatabaseStore& store, CommitterOptions options)
    : store_(store), options_(options), random_(std::random_device{}()) {}

json::array TxnCommitter::execute(const json::array& operations) {
    validate(operations);
    if (read_only(operations)) {
        return execute_read_only(operations);
    }
    const auto deadline = std::chrono::steady_clock::now() + options_.give_up_after;
    std::unique_lock one_commit_at_a_time(commit_mutex_, std::try_to_lock);
    if (!one_commit_at_a_time.owns_lock()) {
        about_to_wait();
        one_commit_at_a_time.lock();
    }
    for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
        if (attempt > 1 && std::chrono::steady_clock::now() >= deadline) {
            break;
        }
        Snapshot base = latest();
        ListDatabase next = base.database;
        TxnResult result = next.apply(operations);
        json::value encoded = next.encode();
        if (store_.compare_and_set(base.encoded, encoded)) {
            {
                std::lock_guard lock(mutex_);
                ++stats_.commits;
            }
            remember(Snapshot{std::move(encoded), std::move(next)});
            return std::move(result.completed);
        }
        {
            std::lock_guard lock(mutex_);
            ++stats_.lost_races;
        }
        remember(fetch());
        pause_after_lost_race(attempt);
    }
    {
        std::lock_guard lock(mutex_);
        ++stats_.conflicts;
    }
    throw maelstrom::rpc_error(maelstrom::error_code::txn_conflict,
                               "lost every commit race; nothing was stored");
}

json::array TxnCommitter::execute_read_only(const json::array& operations) {
    // The read is the transaction's instant; the snapshot also spares the
    // next appending transaction a lost race.
    Snapshot current = fetch();
    ListDatabase scratch = current.database;
    json::array completed = scratch.apply(operations).completed;
    remember(std::move(current));
    return completed;
}

TxnCommitter::Snapshot TxnCommitter::fetch() {
    json::value stored = store_.read();
    ListDatabase database = ListDatabase::decode(stored);
    {
        std::lock_guard lock(mutex_);
        ++stats_.reads;
    }
    return Snapshot{std::move(stored), std::move(database)};
}

TxnCommitter::Snapshot TxnCommitter::latest() const {
    std::lock_guard lock(mutex_);
    return latest_;
}

void TxnCommitter::remember(Snapshot snapshot) {
    std::lock_guard lock(mutex_);
    // Concurrent transactions finish in any order; keep the newest state
    // seen, so that a slow one does not send the next commit back in time
    // (which would only cost a lost race, never correctness).
    if (snapshot.database.element_count() >= latest_.database.element_count()) {
        latest_ = std::move(snapshot);
    }
}

void TxnCommitter::pause_after_lost_race(int attempt) {
    const auto ceiling = std::min<std::int64_t>(attempt, options_.max_backoff.count());
    if (ceiling <= 0) {
        return;
    }
    std::int64_t pause = 0;
    {
        std::lock_guard lock(mutex_);
        pause = std::uniform_int_distribution<std::int64_t>(0, ceiling)(random_);
    }
    if (pause > 0) {
        about_to_wait();
        std::this_thread::sleep_for(std::chrono::milliseconds(pause));
    }
}

void TxnCommitter::about_to_wait() const {
    if (options_.before_waiting) {
        options_.before_waiting();
    }
}

CommitterStats TxnCommitter::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

}  // namespace txn_list_append
