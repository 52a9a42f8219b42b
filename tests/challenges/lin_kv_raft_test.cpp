// Single rules of the Raft core, driven message by message.
#include <gtest/gtest.h>

#include "lin-kv/raft.hpp"

namespace {

namespace json = maelstrom::json;
using namespace raft;

const std::vector<std::string> kNodes{"n0", "n1", "n2"};

template <class T>
std::vector<T> sent_of(std::vector<Envelope> outbox, const std::string& to = "") {
    std::vector<T> found;
    for (auto& message : outbox) {
        if (const auto* payload = std::get_if<T>(&message.payload);
            payload && (to.empty() || message.to == to)) {
            found.push_back(*payload);
        }
    }
    return found;
}

// A follower of `term` whose log holds `terms` (one entry per term given).
Raft follower_with(std::vector<Term> terms, Term term) {
    Raft server("n1", kNodes, Timing{}, 1, 0);
    AppendEntries append;
    append.term = term;
    for (std::size_t i = 0; i < terms.size(); ++i) {
        append.entries.push_back(Entry{terms[i], json::value(static_cast<int>(i + 1))});
    }
    server.receive(Envelope{"n0", "n1", append}, 0);
    server.take_outbox();
    return server;
}

Raft elected_leader(Millis now = 1000) {
    Raft server("n0", kNodes, Timing{}, 1, 0);
    server.tick(now);
    EXPECT_EQ(server.role(), Role::candidate);
    server.take_outbox();
    server.receive(Envelope{"n1", "n0", VoteReply{server.term(), true}}, now);
    EXPECT_EQ(server.role(), Role::leader);
    return server;
}

TEST(Raft, StandsForElectionAfterItsTimeoutAndAsksEveryPeer) {
    Raft server("n0", kNodes, Timing{}, 1, 0);
    server.tick(Timing{}.election_min - 1);
    EXPECT_EQ(server.role(), Role::follower);
    server.tick(Timing{}.election_max);
    EXPECT_EQ(server.role(), Role::candidate);
    EXPECT_EQ(server.term(), 1u);
    EXPECT_EQ(sent_of<RequestVote>(server.take_outbox()).size(), 2u);
}

TEST(Raft, ASingleServerLeadsAndCommitsAlone) {
    Raft server("n0", {"n0"}, Timing{}, 1, 0);
    server.tick(1000);
    ASSERT_EQ(server.role(), Role::leader);
    ASSERT_TRUE(server.propose(json::value(5), 1000));
    const auto applied = server.take_applied();
    ASSERT_EQ(applied.size(), 2u);  // the leader's no-op, then the command
    EXPECT_EQ(applied[1].command, json::value(5));
}

TEST(Raft, GrantsOneVotePerTerm) {
    Raft server("n2", kNodes, Timing{}, 1, 0);
    server.receive(Envelope{"n0", "n2", RequestVote{1, 0, 0}}, 0);
    server.receive(Envelope{"n1", "n2", RequestVote{1, 0, 0}}, 0);
    server.receive(Envelope{"n0", "n2", RequestVote{1, 0, 0}}, 0);
    const auto replies = server.take_outbox();
    EXPECT_TRUE(sent_of<VoteReply>(replies, "n0").at(0).granted);
    EXPECT_FALSE(sent_of<VoteReply>(replies, "n1").at(0).granted);
    EXPECT_TRUE(sent_of<VoteReply>(replies, "n0").at(1).granted);  // a repeated request
}

TEST(Raft, RefusesItsVoteToACandidateWithAnOlderLog) {
    auto server = follower_with({1, 2}, 2);
    // Long after the leader was last heard from.
    server.receive(Envelope{"n2", "n1", RequestVote{3, 5, 1}}, 1000);  // longer, older last term
    server.receive(Envelope{"n2", "n1", RequestVote{4, 1, 2}}, 1000);  // same last term, shorter
    server.receive(Envelope{"n2", "n1", RequestVote{5, 2, 2}}, 1000);  // as up to date
    const auto votes = sent_of<VoteReply>(server.take_outbox());
    ASSERT_EQ(votes.size(), 3u);
    EXPECT_FALSE(votes[0].granted);
    EXPECT_FALSE(votes[1].granted);
    EXPECT_TRUE(votes[2].granted);
    EXPECT_EQ(server.term(), 5u);
}

TEST(Raft, IgnoresVoteRequestsWhileItHearsFromALeader) {
    auto server = follower_with({1}, 1);
    server.receive(Envelope{"n2", "n1", RequestVote{7, 1, 1}}, Timing{}.election_min - 1);
    EXPECT_EQ(server.term(), 1u);
    EXPECT_TRUE(server.take_outbox().empty());
    auto leader = elected_leader();
    leader.receive(Envelope{"n2", "n0", RequestVote{7, 9, 9}}, 1000);
    EXPECT_EQ(leader.role(), Role::leader);
}

TEST(Raft, ALeaderStepsDownOnAHigherTermInAnyMessage) {
    auto leader = elected_leader();
    leader.receive(Envelope{"n2", "n0", AppendReply{leader.term() + 1, false, 0}}, 1000);
    EXPECT_EQ(leader.role(), Role::follower);
    EXPECT_EQ(leader.term(), 2u);
    EXPECT_FALSE(leader.propose(json::value(1), 1000));
}

TEST(Raft, RejectsAppendEntriesFromAnOlderTerm) {
    auto server = follower_with({1}, 3);
    server.receive(Envelope{"n2", "n1", AppendEntries{2, 1, 1, {Entry{2, 7}}, 0}}, 0);
    const auto replies = sent_of<AppendReply>(server.take_outbox());
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_FALSE(replies[0].success);
    EXPECT_EQ(replies[0].term, 3u);
    EXPECT_EQ(server.last_index(), 1u);
}

TEST(Raft, TruncatesAConflictingSuffixButNotOnAStaleRepeat) {
    auto server = follower_with({1, 1, 1}, 2);
    server.receive(Envelope{"n2", "n1", AppendEntries{2, 1, 1, {Entry{2, 20}}, 0}}, 0);
    ASSERT_EQ(server.last_index(), 2u);
    EXPECT_EQ(server.log()[2], (Entry{2, 20}));
    server.receive(Envelope{"n2", "n1", AppendEntries{2, 2, 2, {Entry{2, 21}}, 0}}, 0);
    // The first message again, overtaken by the second: it must not cut index 3.
    server.receive(Envelope{"n2", "n1", AppendEntries{2, 1, 1, {Entry{2, 20}}, 0}}, 0);
    EXPECT_EQ(server.last_index(), 3u);
}

TEST(Raft, AnswersAGapWithAHintThatSkipsTheConflictingTerm) {
    auto server = follower_with({1, 2, 2, 2}, 3);
    server.receive(Envelope{"n2", "n1", AppendEntries{3, 4, 3, {}, 0}}, 0);
    server.receive(Envelope{"n2", "n1", AppendEntries{3, 9, 3, {}, 0}}, 0);
    const auto replies = sent_of<AppendReply>(server.take_outbox());
    ASSERT_EQ(replies.size(), 2u);
    EXPECT_FALSE(replies[0].success);
    EXPECT_EQ(replies[0].match_index, 1u);  // retry after index 1, before term 2 began
    EXPECT_EQ(replies[1].match_index, 4u);  // its log ends at 4
}

TEST(Raft, CommitsOnlyWhatTheLeaderProvedToMatch) {
    auto server = follower_with({1, 1, 1}, 2);
    // Commit 3 from a leader that has only checked index 1.
    server.receive(Envelope{"n0", "n1", AppendEntries{2, 1, 1, {}, 3}}, 0);
    EXPECT_EQ(server.commit_index(), 1u);
}

TEST(Raft, CountsReplicasOnlyForEntriesOfItsOwnTerm) {
    // Figure 8: an entry of an earlier term on a majority is not committed
    // until an entry of the current term is.
    Raft server("n0", kNodes, Timing{}, 1, 0);
    server.receive(Envelope{"n1", "n0", AppendEntries{1, 0, 0, {Entry{1, 5}}, 0}}, 0);
    server.tick(5000);
    server.receive(Envelope{"n2", "n0", VoteReply{server.term(), true}}, 5000);
    ASSERT_EQ(server.role(), Role::leader);
    server.take_outbox();
    // n2 holds index 1 only: a majority for the old entry, not the no-op.
    server.receive(Envelope{"n2", "n0", AppendReply{server.term(), true, 1}}, 5000);
    EXPECT_EQ(server.commit_index(), 0u);
    server.receive(Envelope{"n2", "n0", AppendReply{server.term(), true, 2}}, 5000);
    EXPECT_EQ(server.commit_index(), 2u);
}

TEST(Raft, ALeaderCutOffFromAMajorityStepsDown) {
    auto leader = elected_leader(1000);
    leader.tick(1000 + Timing{}.election_max + 1);
    EXPECT_EQ(leader.role(), Role::follower);
    EXPECT_FALSE(leader.leader().has_value());
}

TEST(Raft, IgnoresMessagesFromUnknownServers) {
    Raft server("n0", kNodes, Timing{}, 1, 0);
    server.receive(Envelope{"c1", "n0", RequestVote{9, 0, 0}}, 0);
    EXPECT_EQ(server.term(), 0u);
    EXPECT_TRUE(server.take_outbox().empty());
}

}  // namespace
