// The txn-rw-register replica and its replication queue.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "txn-rw-register/outbox.hpp"
#include "txn-rw-register/register_store.hpp"

namespace txn {
namespace {

json::array parse_txn(const char* text) {
    return json::parse(text).as_array();
}

TEST(RegisterStore, ReadsOfUnwrittenKeysAreNull) {
    RegisterStore store(0);
    auto result = store.execute(parse_txn(R"([["r",1,null]])"));
    EXPECT_EQ(json::value(result.completed), json::parse(R"([["r",1,null]])"));
    EXPECT_TRUE(result.replicated.writes.empty());
}

TEST(RegisterStore, ReadsSeeTheTransactionsOwnEarlierWrites) {
    RegisterStore store(0);
    auto result = store.execute(parse_txn(R"([["w",1,5],["r",1,null],["w",1,6],["r",1,null]])"));
    EXPECT_EQ(json::value(result.completed),
              json::parse(R"([["w",1,5],["r",1,5],["w",1,6],["r",1,6]])"));
}

TEST(RegisterStore, OnlyTheFinalWritePerKeyIsReplicated) {
    RegisterStore store(0);
    auto result = store.execute(parse_txn(R"([["w",1,5],["w",2,1],["w",1,6]])"));
    ASSERT_EQ(result.replicated.writes.size(), 2u);
    for (const auto& [key, value] : result.replicated.writes) {
        if (key == json::value(1)) {
            EXPECT_EQ(value, json::value(6));
        }
    }
    EXPECT_EQ(store.read(1), json::value(6));
}

TEST(RegisterStore, MalformedTransactionChangesNothing) {
    RegisterStore store(0);
    EXPECT_THROW(store.execute(parse_txn(R"([["w",1,5],["x",1,2]])")), std::invalid_argument);
    EXPECT_THROW(store.execute(parse_txn(R"([["w",1]])")), std::invalid_argument);
    EXPECT_THROW(store.execute(parse_txn(R"([7])")), std::invalid_argument);
    EXPECT_TRUE(store.read(1).is_null());
}

TEST(RegisterStore, HighestVersionWinsWhateverTheArrivalOrder) {
    RegisterStore a(0);
    RegisterStore b(1);
    WriteSet from_a = a.execute(parse_txn(R"([["w",1,10]])")).replicated;
    WriteSet from_b = b.execute(parse_txn(R"([["w",1,20]])")).replicated;
    a.apply(from_b);
    b.apply(from_a);
    EXPECT_EQ(a.read(1), b.read(1));
    // Equal Lamport clocks: the higher node index wins.
    EXPECT_EQ(a.read(1), json::value(20));
}

TEST(RegisterStore, LaterLocalWriteOverridesSeenRemoteWrite) {
    RegisterStore a(0);
    RegisterStore b(1);
    WriteSet from_b = b.execute(parse_txn(R"([["w",1,20]])")).replicated;
    a.apply(from_b);
    WriteSet from_a = a.execute(parse_txn(R"([["w",1,30]])")).replicated;
    EXPECT_GT(from_a.version, from_b.version);
    b.apply(from_a);
    EXPECT_EQ(b.read(1), json::value(30));
}

TEST(RegisterStore, RemoteWriteSetIsAppliedWhole) {
    RegisterStore a(0);
    RegisterStore b(1);
    WriteSet both = b.execute(parse_txn(R"([["w",1,1],["w",2,2]])")).replicated;
    a.apply(both);
    EXPECT_EQ(a.read(1), json::value(1));
    EXPECT_EQ(a.read(2), json::value(2));
}

// Replicas that ran different transactions and then received each other's
// write sets in any order, some twice, hold the same values.
TEST(RegisterStore, ReplicasConvergeWhateverTheDeliveryOrder) {
    std::mt19937 random(7);
    RegisterStore a(0);
    RegisterStore b(1);
    std::vector<WriteSet> from_a;
    std::vector<WriteSet> from_b;
    for (int i = 0; i < 400; ++i) {
        json::array operations;
        for (int op = 0; op < 3; ++op) {
            int key = static_cast<int>(random() % 5);
            if (random() % 2 == 0) {
                operations.push_back(json::array{"r", key, nullptr});
            } else {
                operations.push_back(json::array{"w", key, i * 10 + op});
            }
        }
        bool on_a = random() % 2 == 0;
        RegisterStore& replica = on_a ? a : b;
        WriteSet writes = replica.execute(operations).replicated;
        (on_a ? from_a : from_b).push_back(writes);
        // Some write sets arrive early, interleaved with local transactions.
        if (random() % 4 == 0) {
            (on_a ? b : a).apply(writes);
        }
    }
    std::shuffle(from_a.begin(), from_a.end(), random);
    std::shuffle(from_b.begin(), from_b.end(), random);
    for (const auto& writes : from_a) {
        b.apply(writes);
    }
    for (const auto& writes : from_b) {
        a.apply(writes);
    }
    for (int key = 0; key < 5; ++key) {
        EXPECT_EQ(a.read(key), b.read(key)) << "key " << key;
    }
}

TEST(Outbox, ResendsUntilAcknowledgedThenDrops) {
    Outbox outbox({"n1", "n2"});
    outbox.push(WriteSet{Version{1, 0}, {{1, 1}}});
    outbox.push(WriteSet{Version{2, 0}, {{1, 2}}});
    EXPECT_EQ(outbox.batch_for("n1", 10).txns.size(), 2u);
    EXPECT_EQ(outbox.batch_for("n1", 10).last, 2);
    outbox.acknowledged("n1", 2);
    EXPECT_TRUE(outbox.batch_for("n1", 10).txns.empty());
    EXPECT_EQ(outbox.pending(), 2u);
    outbox.acknowledged("n2", 1);
    EXPECT_EQ(outbox.pending(), 1u);
    auto rest = outbox.batch_for("n2", 10);
    ASSERT_EQ(rest.txns.size(), 1u);
    EXPECT_EQ(rest.txns[0].version, (Version{2, 0}));
}

TEST(Outbox, BatchIsBoundedAndCumulative) {
    Outbox outbox({"n1"});
    for (int i = 1; i <= 5; ++i) {
        outbox.push(WriteSet{Version{i, 0}, {{1, i}}});
    }
    auto first = outbox.batch_for("n1", 2);
    EXPECT_EQ(first.last, 2);
    outbox.acknowledged("n1", first.last);
    auto second = outbox.batch_for("n1", 10);
    EXPECT_EQ(second.txns.size(), 3u);
    EXPECT_EQ(second.last, 5);
    outbox.acknowledged("n1", 1);  // a stale acknowledgement changes nothing
    EXPECT_EQ(outbox.batch_for("n1", 10).last, 5);
}

TEST(Outbox, UnknownPeerGetsNothing) {
    Outbox outbox({"n1"});
    outbox.push(WriteSet{Version{1, 0}, {{1, 1}}});
    EXPECT_TRUE(outbox.batch_for("n9", 10).txns.empty());
    outbox.acknowledged("n9", 1);
    EXPECT_EQ(outbox.pending(), 1u);
}

TEST(Outbox, BatchSurvivesJsonRoundTrip) {
    ReplicationBatch batch{3, {WriteSet{Version{4, 1}, {{1, 2}, {3, 4}}}}};
    auto copy = json::value_to<ReplicationBatch>(json::value_from(batch));
    EXPECT_EQ(json::value_from(copy), json::value_from(batch));
}

}  // namespace
}  // namespace txn
