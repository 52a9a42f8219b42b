// The owner-based kafka design's state: logs, polls, commits, replication.
#include <gtest/gtest.h>

#include <limits>

#include "kafka/key_log.hpp"
#include "kafka/key_names.hpp"
#include "kafka/log_store.hpp"
#include "kafka/ownership.hpp"

namespace kafka {
namespace {

const std::vector<std::string> two_nodes{"n0", "n1"};

// A poll's msgs as the client reads them.
PollResult poll(const LogStore& store, const OffsetMap& from, std::size_t total = 1000) {
    return json::value_to<PollResult>(json::value(store.poll(from, 100, total)));
}

// A key that `node` owns in a two-node cluster.
std::string key_owned_by(const std::string& node, int skip = 0) {
    for (int i = 0;; ++i) {
        std::string key = std::to_string(i);
        if (owner_of(key, two_nodes) == node && skip-- == 0) {
            return key;
        }
    }
}

TEST(KeyLog, AppendAssignsConsecutiveOffsets) {
    KeyLog log;
    EXPECT_EQ(log.append(10), 0);
    EXPECT_EQ(log.append(11), 1);
    EXPECT_EQ(log.contiguous_size(), 2);
}

TEST(KeyLog, ReadsOnlyTheContiguousPrefix) {
    KeyLog log;
    log.insert(0, 10);
    log.insert(2, 12);
    auto records = log.read_from(0, 100);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0], Record(0, 10));
    EXPECT_TRUE(log.read_from(2, 100).empty());
    log.insert(1, 11);
    EXPECT_EQ(log.read_from(1, 100), (std::vector<Record>{{1, 11}, {2, 12}}));
}

TEST(KeyLog, DuplicateInsertKeepsTheFirstRecord) {
    KeyLog log;
    log.insert(0, 10);
    log.insert(0, 99);
    EXPECT_EQ(log.read_from(0, 100), (std::vector<Record>{{0, 10}}));
}

TEST(KeyLog, ReadRespectsLimitAndNegativeOffset) {
    KeyLog log;
    for (int i = 0; i < 5; ++i) {
        log.append(i);
    }
    EXPECT_EQ(log.read_from(-3, 2), (std::vector<Record>{{0, 0}, {1, 1}}));
    EXPECT_TRUE(log.read_from(7, 10).empty());
}

TEST(Ownership, EveryNodeAgreesAndBothNodesOwnKeys) {
    std::set<std::string> owners;
    for (int i = 0; i < 20; ++i) {
        owners.insert(owner_of(std::to_string(i), two_nodes));
    }
    EXPECT_EQ(owners.size(), 2u);
    EXPECT_EQ(owner_of("7", two_nodes), owner_of("7", std::vector<std::string>{"n0", "n1"}));
}

TEST(LogStore, RetriedRequestIsStoredOnce) {
    LogStore store("n0", two_nodes);
    std::string key = key_owned_by("n0");
    EXPECT_EQ(store.append_forwarded(key, 1, RequestId{"n1", 0}), 0);
    EXPECT_EQ(store.append_forwarded(key, 1, RequestId{"n1", 0}), 0);
    EXPECT_EQ(store.append_forwarded(key, 2, RequestId{"n1", 1}), 1);
    EXPECT_EQ(poll(store, {{key, 0}}).at(key).size(), 2u);
}

// A request so far behind its origin's newest that its forwarder stopped retrying long ago
// is refused rather than risk storing it twice.
TEST(LogStore, ForwardedRequestTooOldToTellIsNotStored) {
    LogStore store("n0", two_nodes);
    std::string key = key_owned_by("n0");
    const std::int64_t newest = RequestLedger::kDefaultWindow + 5;
    EXPECT_EQ(store.append_forwarded(key, 1, RequestId{"n1", newest}), 0);
    EXPECT_EQ(store.append_forwarded(key, 2, RequestId{"n1", 0}), std::nullopt);
    EXPECT_EQ(store.append_forwarded(key, 3, RequestId{"n1", newest - 1}), 1);
    EXPECT_EQ(poll(store, {{key, 0}}).at(key).size(), 2u);
}

TEST(LogStore, PollOmitsKeysWithNothingAndStartsAtTheRequestedOffset) {
    LogStore store("n0", two_nodes);
    std::string key = key_owned_by("n0");
    store.append(key, 1);
    store.append(key, 2);
    PollResult result = poll(store, {{key, 1}, {"unknown", 0}});
    ASSERT_EQ(result.size(), 1u);
    EXPECT_EQ(result.at(key), (std::vector<Record>{{1, 2}}));
}

TEST(LogStore, CommittedOffsetsNeverGoBackwards) {
    LogStore store("n0", two_nodes);
    store.commit({{"a", 5}});
    store.commit({{"a", 3}, {"b", 0}});
    EXPECT_EQ(store.committed({"a", "b", "c"}), (OffsetMap{{"a", 5}, {"b", 0}}));
}

TEST(LogStore, ReplicationDeliversOwnedRecordsAndCommits) {
    LogStore owner("n0", two_nodes);
    LogStore replica("n1", two_nodes);
    std::string key = key_owned_by("n0");
    owner.append(key, 7);
    owner.append(key, 8);
    owner.commit({{key, 1}});
    ReplicationBatch batch = owner.batch_for("n1", 100);
    ASSERT_FALSE(batch.empty());
    ReplicationAck ack = replica.apply(batch);
    EXPECT_EQ(ack.have.at(key), 2);
    EXPECT_EQ(poll(replica, {{key, 0}}).at(key), (std::vector<Record>{{0, 7}, {1, 8}}));
    EXPECT_EQ(replica.committed({key}).at(key), 1);
    owner.acknowledged("n1", batch, ack);
    EXPECT_TRUE(owner.batch_for("n1", 100).empty());
}

TEST(LogStore, UnacknowledgedRecordsAreSentAgain) {
    LogStore owner("n0", two_nodes);
    std::string key = key_owned_by("n0");
    owner.append(key, 7);
    ReplicationBatch first = owner.batch_for("n1", 100);
    ReplicationBatch again = owner.batch_for("n1", 100);
    EXPECT_EQ(json::value_from(first), json::value_from(again));
}

TEST(LogStore, BatchesResumeAfterTheAcknowledgedPrefix) {
    LogStore owner("n0", two_nodes);
    LogStore replica("n1", two_nodes);
    std::string key = key_owned_by("n0");
    owner.append(key, 1);
    ReplicationBatch first = owner.batch_for("n1", 100);
    owner.acknowledged("n1", first, replica.apply(first));
    owner.append(key, 2);
    ReplicationBatch second = owner.batch_for("n1", 100);
    EXPECT_EQ(second.logs.at(key).first, 1);
    EXPECT_EQ(second.logs.at(key).msgs.size(), 1u);
    replica.apply(second);
    EXPECT_EQ(poll(replica, {{key, 0}}).at(key).size(), 2u);
}

TEST(LogStore, BatchSizeIsBounded) {
    LogStore owner("n0", two_nodes);
    std::string a = key_owned_by("n0", 0);
    std::string b = key_owned_by("n0", 1);
    for (int i = 0; i < 10; ++i) {
        owner.append(a, i);
        owner.append(b, i);
    }
    ReplicationBatch batch = owner.batch_for("n1", 15);
    std::size_t records = 0;
    for (const auto& [key, segment] : batch.logs) {
        records += segment.msgs.size();
    }
    EXPECT_EQ(records, 15u);
}

TEST(LogStore, ForwardedRecordLearntOutOfOrderWaitsForTheGap) {
    LogStore replica("n1", two_nodes);
    std::string key = key_owned_by("n0");
    replica.learn(key, 1, 20);
    EXPECT_TRUE(poll(replica, {{key, 0}}).empty());
    replica.learn(key, 0, 10);
    EXPECT_EQ(poll(replica, {{key, 0}}).at(key).size(), 2u);
}

TEST(KeyLog, RecordsAheadOfSeveralGapsJoinInOrderOnceEach) {
    KeyLog log;
    log.insert(3, 13);
    log.insert(1, 11);
    log.insert(3, 99);
    EXPECT_TRUE(log.read_from(0, 100).empty());
    log.insert(0, 10);
    EXPECT_EQ(log.contiguous_size(), 2);
    log.insert(2, 12);
    EXPECT_EQ(log.read_from(0, 100), (std::vector<Record>{{0, 10}, {1, 11}, {2, 12}, {3, 13}}));
    EXPECT_EQ(log.append(14), 4);
}

// Only keys this node appended to as their owner are shipped to peers, and a key known only
// through records or acknowledgements has no committed offset to report or ship.
TEST(LogStore, OnlyOwnedRecordsAndRealCommitsAreShipped) {
    LogStore store("n0", two_nodes);
    const std::string owned = key_owned_by("n0");
    const std::string learnt = key_owned_by("n1");
    store.learn(learnt, 0, 5);
    store.append(owned, 6);
    store.acknowledged("n1", ReplicationBatch{}, ReplicationAck{{{"elsewhere", 3}}});
    EXPECT_TRUE(store.committed({learnt, owned, "elsewhere"}).empty());
    ReplicationBatch batch = store.batch_for("n1", 100);
    EXPECT_EQ(batch.logs.size(), 1u);
    EXPECT_EQ(batch.logs.at(owned).msgs, (std::vector<json::value>{6}));
    EXPECT_TRUE(batch.committed.empty());
    store.commit({{learnt, 0}});
    EXPECT_EQ(store.batch_for("n1", 100).committed,
              (std::map<std::string, std::int64_t>{{learnt, 0}}));
}

// Messages are packed as narrow integers while they can be; every other JSON message, and
// every integer width, comes back exactly as sent, whether appended or learnt out of order.
TEST(KeyLog, EveryKindOfMessageComesBackExactly) {
    const std::vector<json::value> messages{
        json::parse("1"),
        json::parse("300"),
        json::parse("-70000"),
        json::parse("1099511627776"),
        json::value(std::numeric_limits<std::int64_t>::min()),
        json::parse("18446744073709551615"),
        json::parse("2.5"),
        json::parse("\"7\""),
        json::parse(R"({"a":[1,null,true]})"),
        json::parse("16"),
    };
    KeyLog appended;
    KeyLog learnt;
    for (std::size_t i = 0; i < messages.size(); ++i) {
        appended.append(messages[i]);
        learnt.insert(static_cast<std::int64_t>(messages.size() - 1 - i),
                      messages[messages.size() - 1 - i]);
    }
    for (const KeyLog* log : {&appended, &learnt}) {
        ASSERT_EQ(log->contiguous_size(), static_cast<std::int64_t>(messages.size()));
        for (std::size_t i = 0; i < messages.size(); ++i) {
            const json::value got = log->message(static_cast<std::int64_t>(i));
            EXPECT_EQ(got.kind(), messages[i].kind()) << i;
            EXPECT_EQ(json::serialize(got), json::serialize(messages[i])) << i;
        }
    }
}

TEST(PackedIntegers, WidensWithoutChangingWhatItHolds) {
    PackedIntegers packed;
    std::vector<std::int64_t> expected;
    for (std::int64_t i = 0; i < 40; ++i) {
        const std::int64_t value = i == 10   ? 1000
                                   : i == 20 ? -100000
                                   : i == 30 ? std::numeric_limits<std::int64_t>::max()
                                             : i - 20;
        packed.push_back(value);
        expected.push_back(value);
        for (std::size_t j = 0; j < expected.size(); ++j) {
            ASSERT_EQ(packed[j], expected[j]) << "after " << i << ", at " << j;
        }
    }
    EXPECT_EQ(packed.width(), 8u);
    PackedIntegers moved(std::move(packed));
    EXPECT_TRUE(packed.empty());
    ASSERT_EQ(moved.size(), expected.size());
    EXPECT_EQ(moved[39], expected[39]);
}

TEST(PackedIntegers, SmallValuesTakeOneByteEach) {
    PackedIntegers packed;
    for (std::int64_t i = 1; i <= 16; ++i) {
        packed.push_back(i);
    }
    EXPECT_EQ(packed.width(), 1u);
    packed.push_back(-128);
    EXPECT_EQ(packed.width(), 1u);
    packed.push_back(128);
    EXPECT_EQ(packed.width(), 2u);
    EXPECT_EQ(packed[16], -128);
    EXPECT_EQ(packed[17], 128);
}

// Decimal names are kept as numbers; any other name, including ones that only look decimal,
// is a different key with its own number.
TEST(KeyNames, EveryNameGetsOneNumberAndComesBack) {
    KeyNames names;
    const std::vector<std::string> keys{"0",
                                        "1",
                                        "17",
                                        "007",
                                        "-1",
                                        "",
                                        "abc",
                                        "7",
                                        "1e3",
                                        "123456789012345678",
                                        "12345678901234567890",
                                        "99999999999999999999999"};
    for (std::size_t i = 0; i < keys.size(); ++i) {
        EXPECT_EQ(names.number_of(keys[i]), i) << keys[i];
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
        EXPECT_EQ(names.number_of(keys[i]), i) << keys[i];
        EXPECT_EQ(names.find(keys[i]), std::optional<std::uint32_t>(i)) << keys[i];
        EXPECT_EQ(names.name(static_cast<std::uint32_t>(i)), keys[i]);
    }
    EXPECT_EQ(names.size(), keys.size());
    EXPECT_FALSE(names.find("07").has_value());
    EXPECT_FALSE(names.find("18").has_value());
}

// A reply holds at most `total` records; a client that moves each key on to what it got
// reads every record, contiguously, in a few polls.
TEST(LogStore, PollRepliesAreCappedAndClientsCatchUp) {
    LogStore store("n0", two_nodes);
    OffsetMap next;
    std::map<std::string, std::vector<json::value>> written;
    for (int k = 0; k < 6; ++k) {
        const std::string key = key_owned_by("n0", k);
        next[key] = 0;
        for (int m = 1; m <= 5; ++m) {
            store.append(key, m);
            written[key].push_back(m);
        }
    }
    std::map<std::string, std::vector<json::value>> read;
    int polls = 0;
    for (; polls < 10; ++polls) {
        const PollResult result = poll(store, next, 7);
        std::size_t records = 0;
        for (const auto& [key, got] : result) {
            ASSERT_FALSE(got.empty());
            for (const auto& [offset, msg] : got) {
                ASSERT_EQ(offset, next[key]) << key;
                read[key].push_back(msg);
                ++next[key];
                ++records;
            }
        }
        EXPECT_LE(records, 7u);
        if (records == 0) {
            break;
        }
    }
    EXPECT_EQ(read, written);
    EXPECT_EQ(polls, 5);  // 30 records, 7 a reply, then one empty reply
}

// A commit raised after a batch was built is shipped again even though the batch was
// acknowledged; one that did not change is not.
TEST(LogStore, CommitRaisedWhileABatchIsInFlightIsShippedAgain) {
    LogStore store("n0", two_nodes);
    store.commit({{"5", 1}});
    const ReplicationBatch first = store.batch_for("n1", 100);
    store.commit({{"5", 3}, {"6", 0}});
    store.acknowledged("n1", first, ReplicationAck{});
    const ReplicationBatch second = store.batch_for("n1", 100);
    EXPECT_EQ(second.committed, (std::map<std::string, std::int64_t>{{"5", 3}, {"6", 0}}));
    store.acknowledged("n1", second, ReplicationAck{});
    EXPECT_TRUE(store.batch_for("n1", 100).empty());
    store.commit({{"5", 2}});
    EXPECT_TRUE(store.batch_for("n1", 100).empty());
}

TEST(LogStore, ReplicationBatchSurvivesJsonRoundTrip) {
    ReplicationBatch batch;
    batch.logs["3"] = LogSegment{2, {json::value(5), json::value("x")}};
    batch.committed["3"] = 1;
    auto copy = json::value_to<ReplicationBatch>(json::value_from(batch));
    EXPECT_EQ(json::value_from(copy), json::value_from(batch));
}

}  // namespace
}  // namespace kafka
