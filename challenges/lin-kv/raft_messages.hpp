#pragma once
// The four Raft messages (Ongaro and Ousterhout, figure 2) and log entries,
// as plain described structs: the core exchanges them without I/O, and the
// node turns them into Maelstrom bodies with Boost.JSON.
#include <boost/describe.hpp>
#include <cstdint>
#include <maelstrom/maelstrom.hpp>
#include <string>
#include <variant>
#include <vector>

namespace raft {

using Index = std::uint64_t;
using Term = std::uint64_t;
// Milliseconds on a monotonic clock: the core never reads a clock itself.
using Millis = std::int64_t;

// A null command is the no-op a new leader appends to commit its
// predecessors' entries.
struct Entry {
    Term term = 0;
    maelstrom::json::value command;
    friend bool operator==(const Entry&, const Entry&) = default;
};
BOOST_DESCRIBE_STRUCT(Entry, (), (term, command))

struct RequestVote {
    Term term = 0;
    Index last_log_index = 0;
    Term last_log_term = 0;
};
BOOST_DESCRIBE_STRUCT(RequestVote, (), (term, last_log_index, last_log_term))

struct VoteReply {
    Term term = 0;
    bool granted = false;
};
BOOST_DESCRIBE_STRUCT(VoteReply, (), (term, granted))

struct AppendEntries {
    Term term = 0;
    Index prev_index = 0;
    Term prev_term = 0;
    std::vector<Entry> entries;
    Index leader_commit = 0;
};
BOOST_DESCRIBE_STRUCT(AppendEntries, (), (term, prev_index, prev_term, entries, leader_commit))

// `match_index` is the last index known to match the leader's log on
// success; on failure it is a hint: the leader may retry from there, which
// skips a whole conflicting term at a time instead of one entry per round trip.
struct AppendReply {
    Term term = 0;
    bool success = false;
    Index match_index = 0;
};
BOOST_DESCRIBE_STRUCT(AppendReply, (), (term, success, match_index))

using Payload = std::variant<RequestVote, VoteReply, AppendEntries, AppendReply>;

struct Envelope {
    std::string from;
    std::string to;
    Payload payload;
};

// A committed entry handed to the state machine, in index order.
struct Applied {
    Index index = 0;
    maelstrom::json::value command;
};

}  // namespace raft
