// The txn-list-append commit loop against an in-memory store that can let
// another writer in before each compare-and-set.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "txn-list-append/txn_committer.hpp"

namespace txn_list_append {
namespace {

using maelstrom::error_code;
using maelstrom::rpc_error;

json::array ops(const char* text) {
    return json::parse(text).as_array();
}

// Behaves as lin-kv's single key with create_if_not_exists.
class FakeStore : public DatabaseStore {
  public:
    json::value read() override {
        std::lock_guard lock(mutex);
        ++reads;
        return value;
    }
    bool compare_and_set(const json::value& from, const json::value& to) override {
        std::function<void(json::value&)> interfere;
        {
            std::lock_guard lock(mutex);
            ++cas_calls;
            if (fail_with) {
                throw rpc_error(*fail_with, "injected");
            }
            interfere = before_cas;
        }
        if (interfere) {
            std::lock_guard lock(mutex);
            interfere(value);
        }
        std::lock_guard lock(mutex);
        if (!value.is_null() && value != from) {
            return false;
        }
        value = to;
        return true;
    }

    std::mutex mutex;
    json::value value;
    int reads = 0;
    int cas_calls = 0;
    std::optional<error_code> fail_with;
    std::function<void(json::value&)> before_cas;  // another writer's commit
};

// One append, built without a one-element braced list, which g++ and clang
// read differently (a copy of the inner array, or an array holding it).
json::array append_txn(int key, int element) {
    json::array txn;
    txn.emplace_back(json::array{"append", key, element});
    return txn;
}

CommitterOptions no_pauses(int max_attempts = 50) {
    CommitterOptions options;
    options.max_attempts = max_attempts;
    options.max_backoff = std::chrono::milliseconds(0);
    return options;
}

TEST(TxnCommitter, FirstCommitCreatesTheDatabaseInOneCas) {
    FakeStore store;
    TxnCommitter committer(store, no_pauses());
    EXPECT_EQ(committer.execute(ops(R"([["append",1,6],["r",1,null]])")),
              ops(R"([["append",1,6],["r",1,[6]]])"));
    EXPECT_EQ(store.value, json::parse("[[1,[6]]]"));
    EXPECT_EQ(store.cas_calls, 1);
    EXPECT_EQ(store.reads, 0);
}

TEST(TxnCommitter, ReadOnlyTransactionsReadOnceAndNeverCas) {
    FakeStore store;
    store.value = json::parse("[[1,[6,7]]]");
    TxnCommitter committer(store, no_pauses());
    EXPECT_EQ(committer.execute(ops(R"([["r",1,null],["r",2,null]])")),
              ops(R"([["r",1,[6,7]],["r",2,null]])"));
    EXPECT_EQ(store.reads, 1);
    EXPECT_EQ(store.cas_calls, 0);
}

TEST(TxnCommitter, ANodeThatCommittedLastCommitsAgainWithoutReading) {
    FakeStore store;
    TxnCommitter committer(store, no_pauses());
    committer.execute(ops(R"([["append",1,1]])"));
    committer.execute(ops(R"([["append",1,2]])"));
    EXPECT_EQ(store.value, json::parse("[[1,[1,2]]]"));
    EXPECT_EQ(store.reads, 0);
    EXPECT_EQ(store.cas_calls, 2);
}

TEST(TxnCommitter, ALostRaceRereadsAndBuildsOnTheOtherCommit) {
    FakeStore store;
    TxnCommitter committer(store, no_pauses());
    committer.execute(ops(R"([["append",1,1]])"));
    // Another node appends 2 just before this node's next cas, once.
    store.before_cas = [&store](json::value& value) {
        value = json::parse("[[1,[1,2]]]");
        store.before_cas = nullptr;
    };
    EXPECT_EQ(committer.execute(ops(R"([["r",1,null],["append",1,3]])")),
              ops(R"([["r",1,[1,2]],["append",1,3]])"));
    EXPECT_EQ(store.value, json::parse("[[1,[1,2,3]]]"));
    EXPECT_EQ(store.reads, 1);
    EXPECT_EQ(committer.stats().lost_races, 1);
}

TEST(TxnCommitter, GivesUpWithADefiniteConflictAfterMaxAttempts) {
    FakeStore store;
    int other_commits = 0;
    // Another writer gets in before every cas of this node.
    store.before_cas = [&other_commits](json::value& value) {
        ++other_commits;
        value = json::parse("[[99,[" + std::to_string(other_commits) + "]]]");
    };
    TxnCommitter committer(store, no_pauses(3));
    try {
        committer.execute(ops(R"([["append",1,1]])"));
        FAIL() << "committed against a store that never lets it";
    } catch (const rpc_error& error) {
        EXPECT_EQ(error.code(), error_code::txn_conflict);
        EXPECT_TRUE(error.definite());
    }
    EXPECT_EQ(store.cas_calls, 3);
    EXPECT_EQ(store.value, json::parse("[[99,[3]]]"));
    EXPECT_EQ(committer.stats().conflicts, 1);
}

TEST(TxnCommitter, GivesUpAfterTheFirstLostRaceWhenOutOfTime) {
    FakeStore store;
    store.before_cas = [](json::value& value) { value = json::parse("[[99,[1]]]"); };
    auto options = no_pauses();
    options.give_up_after = std::chrono::milliseconds(0);
    TxnCommitter committer(store, options);
    try {
        committer.execute(ops(R"([["append",1,1]])"));
        FAIL() << "committed against a store that never lets it";
    } catch (const rpc_error& error) {
        EXPECT_EQ(error.code(), error_code::txn_conflict);
    }
    // The first attempt always runs, however short the budget.
    EXPECT_EQ(store.cas_calls, 1);
}

TEST(TxnCommitter, StoreFailuresPropagateWithTheirCode) {
    FakeStore store;
    store.fail_with = error_code::timeout;
    TxnCommitter committer(store, no_pauses());
    try {
        committer.execute(ops(R"([["append",1,1]])"));
        FAIL() << "a timed-out cas was reported as committed";
    } catch (const rpc_error& error) {
        // The cas may have been applied: the client must see an indefinite error.
        EXPECT_EQ(error.code(), error_code::timeout);
        EXPECT_FALSE(error.definite());
    }
    EXPECT_EQ(store.cas_calls, 1);
}

TEST(TxnCommitter, MalformedTransactionsSendNothing) {
    FakeStore store;
    TxnCommitter committer(store, no_pauses());
    EXPECT_THROW(committer.execute(ops(R"([["append",1,1],["w",1,2]])")), std::invalid_argument);
    EXPECT_THROW(committer.execute(ops(R"([["r",1,null],"x"])")), std::invalid_argument);
    EXPECT_EQ(store.reads + store.cas_calls, 0);
}

TEST(TxnCommitter, ANodesOwnTransactionsNeverRaceEachOther) {
    FakeStore store;
    TxnCommitter committer(store, no_pauses());
    auto appender = [&committer](int key) {
        for (int element = 1; element <= 100; ++element) {
            committer.execute(append_txn(key, element));
        }
    };
    std::thread one(appender, 1);
    std::thread two(appender, 2);
    one.join();
    two.join();
    EXPECT_EQ(committer.stats().lost_races, 0);
    EXPECT_EQ(committer.stats().commits, 200);
    EXPECT_EQ(store.reads, 0);
    EXPECT_EQ(ListDatabase::decode(store.value).element_count(), 200U);
}

TEST(TxnCommitter, ConcurrentCommittersLoseNoAppend) {
    FakeStore store;
    // Two nodes share the store; each has its own cache.
    TxnCommitter first(store, no_pauses(1000));
    TxnCommitter second(store, no_pauses(1000));
    auto appender = [](TxnCommitter& committer, int key) {
        for (int element = 1; element <= 100; ++element) {
            committer.execute(json::array{json::array{"append", key, element},
                                          json::array{"append", 0, key * 1000 + element}});
        }
    };
    std::thread one(appender, std::ref(first), 1);
    std::thread two(appender, std::ref(second), 2);
    one.join();
    two.join();
    const auto database = ListDatabase::decode(store.value);
    EXPECT_EQ(database.read(1).as_array().size(), 100U);
    EXPECT_EQ(database.read(2).as_array().size(), 100U);
    EXPECT_EQ(database.read(0).as_array().size(), 200U);
    EXPECT_EQ(database.element_count(), 400U);
}

TEST(TxnCommitter, WaitingForThisNodesOtherCommitIsAnnouncedFirst) {
    FakeStore store;
    std::mutex mutex;
    std::condition_variable changed;
    bool first_in_cas = false;
    int waits = 0;
    auto options = no_pauses();
    options.before_waiting = [&] {
        std::lock_guard lock(mutex);
        ++waits;
        changed.notify_all();
    };
    TxnCommitter committer(store, options);
    // The first commit holds the commit lock until the second announces that
    // it waits for it (or 10 s pass, and the test fails below).
    store.before_cas = [&](json::value&) {
        std::unique_lock lock(mutex);
        if (first_in_cas) {
            return;  // a later commit
        }
        first_in_cas = true;
        changed.notify_all();
        changed.wait_for(lock, std::chrono::seconds(10), [&] { return waits > 0; });
    };
    std::thread first([&] { committer.execute(append_txn(1, 1)); });
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return first_in_cas; });
    }
    std::thread second([&] { committer.execute(append_txn(2, 1)); });
    first.join();
    second.join();
    EXPECT_EQ(waits, 1);
    EXPECT_EQ(committer.stats().commits, 2);
    // Alone, with no race lost, nothing is announced.
    committer.execute(append_txn(3, 1));
    EXPECT_EQ(waits, 1);
}

TEST(TxnCommitter, APauseAfterALostRaceIsAnnouncedFirst) {
    FakeStore store;
    int waits = 0;
    CommitterOptions options;
    options.before_waiting = [&waits] { ++waits; };
    TxnCommitter committer(store, options);
    committer.execute(append_txn(1, 1));
    // Another writer gets in before each of the next 12 compare-and-sets;
    // the pauses are random, of at most min(attempt, 10) ms, and at least one
    // of 12 is not zero but with a chance of 1 in 13!.
    int lost = 0;
    store.before_cas = [&lost](json::value& value) {
        if (lost < 12) {
            ++lost;
            auto database = ListDatabase::decode(value);
            database.apply(append_txn(9, lost));
            value = database.encode();
        }
    };
    committer.execute(append_txn(1, 2));
    EXPECT_EQ(committer.stats().lost_races, 12);
    EXPECT_GE(waits, 1);
    EXPECT_LE(waits, 12);
}

}  // namespace
}  // namespace txn_list_append
