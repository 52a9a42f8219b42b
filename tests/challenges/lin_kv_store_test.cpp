#include <gtest/gtest.h>

#include "lin-kv/kv_store.hpp"
#include "lin-kv/raft_wire.hpp"

namespace {

namespace json = maelstrom::json;
using lin_kv::Command;
using lin_kv::KvStore;
using maelstrom::error_code;

TEST(KvStore, ReadsWritesAndComparesAndSets) {
    KvStore store;
    EXPECT_EQ(store.apply(Command{"read", 1, nullptr, nullptr, nullptr, "t"}).error,
              error_code::key_does_not_exist);
    EXPECT_EQ(store.apply(Command{"cas", 1, nullptr, 0, 1, "t"}).error,
              error_code::key_does_not_exist);
    EXPECT_EQ(store.apply(Command{"write", 1, 3, nullptr, nullptr, "t"}).reply,
              (json::object{{"type", "write_ok"}}));
    EXPECT_EQ(store.apply(Command{"cas", 1, nullptr, 2, 4, "t"}).error,
              error_code::precondition_failed);
    EXPECT_EQ(store.apply(Command{"cas", 1, nullptr, 3, 4, "t"}).reply,
              (json::object{{"type", "cas_ok"}}));
    EXPECT_EQ(store.apply(Command{"read", 1, nullptr, nullptr, nullptr, "t"}).reply,
              (json::object{{"type", "read_ok"}, {"value", 4}}));
    // "1" and 1 are different keys, as in Maelstrom.
    EXPECT_EQ(store.apply(Command{"read", "1", nullptr, nullptr, nullptr, "t"}).error,
              error_code::key_does_not_exist);
}

TEST(RaftWire, EveryMessageSurvivesTheRoundTrip) {
    const std::vector<raft::Payload> payloads{
        raft::RequestVote{3, 7, 2}, raft::VoteReply{3, true},
        raft::AppendEntries{4, 2, 1, {raft::Entry{4, json::value{{"op", "read"}}}}, 1},
        raft::AppendReply{4, false, 9}};
    for (const auto& payload : payloads) {
        maelstrom::Message message{"n0", "n1", raft::to_body(payload)};
        const auto parsed = raft::from_message(message);
        ASSERT_TRUE(parsed);
        EXPECT_EQ(json::serialize(raft::to_body(*parsed)), json::serialize(message.body));
    }
}

TEST(RaftWire, RejectsMalformedBodies) {
    maelstrom::Message missing{"n0", "n1", {{"type", "raft_vote"}, {"term", 1}}};
    maelstrom::Message mistyped{"n0", "n1", {{"type", "raft_request_vote"}, {"term", "x"}}};
    maelstrom::Message other{"n0", "n1", {{"type", "read"}, {"key", 1}}};
    EXPECT_FALSE(raft::from_message(missing));
    EXPECT_FALSE(raft::from_message(mistyped));
    EXPECT_FALSE(raft::from_message(other));
}

}  // namespace
