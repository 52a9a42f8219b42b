// The invariant checker must be able to fail: each test hands it states that
// break one of Raft's properties.
#include <gtest/gtest.h>

#include "challenges/lin_kv_raft_invariants.hpp"

namespace {

namespace json = maelstrom::json;
using raft::Entry;
using raft::Role;
using raft_test::InvariantChecker;
using raft_test::ServerView;

std::vector<Entry> log_of(std::initializer_list<std::pair<raft::Term, int>> entries) {
    std::vector<Entry> log{Entry{}};
    for (const auto& [term, command] : entries) {
        log.push_back(Entry{term, json::value(command)});
    }
    return log;
}

TEST(RaftInvariantChecker, AcceptsConsistentLogs) {
    const auto a = log_of({{1, 10}, {1, 11}, {2, 12}});
    const auto b = log_of({{1, 10}, {1, 11}});
    InvariantChecker checker;
    EXPECT_EQ(checker.check({ServerView{"n0", Role::leader, 2, &a, 2},
                             ServerView{"n1", Role::follower, 2, &b, 2}}),
              "");
}

TEST(RaftInvariantChecker, CatchesTwoLeadersInOneTerm) {
    const auto log = log_of({});
    InvariantChecker checker;
    EXPECT_EQ(checker.check({ServerView{"n0", Role::leader, 3, &log, 0}}), "");
    EXPECT_NE(checker.check({ServerView{"n1", Role::leader, 3, &log, 0}}).find("election safety"),
              std::string::npos);
}

TEST(RaftInvariantChecker, CatchesLogsThatAgreeOnATermButNotOnTheirPrefix) {
    const auto a = log_of({{1, 10}, {2, 11}});
    const auto broken = log_of({{1, 99}, {2, 11}});
    InvariantChecker checker;
    EXPECT_NE(checker
                  .check({ServerView{"n0", Role::follower, 2, &a, 0},
                          ServerView{"n1", Role::follower, 2, &broken, 0}})
                  .find("log matching"),
              std::string::npos);
}

TEST(RaftInvariantChecker, CatchesALaterLeaderWithoutACommittedEntry) {
    const auto committed = log_of({{1, 10}, {1, 11}});
    const auto short_log = log_of({{1, 10}});
    InvariantChecker checker;
    EXPECT_EQ(checker.check({ServerView{"n0", Role::leader, 1, &committed, 2}}), "");
    EXPECT_NE(checker.check({ServerView{"n1", Role::leader, 2, &short_log, 1}})
                  .find("leader completeness"),
              std::string::npos);
}

TEST(RaftInvariantChecker, CatchesTwoServersApplyingDifferentCommandsAtOneIndex) {
    InvariantChecker checker;
    EXPECT_EQ(checker.applied("n0", raft::Applied{1, json::value(10)}), "");
    EXPECT_NE(checker.applied("n1", raft::Applied{1, json::value(11)}).find("state machine safety"),
              std::string::npos);
    EXPECT_NE(checker.applied("n0", raft::Applied{3, json::value(12)}), "");
}

}  // namespace
