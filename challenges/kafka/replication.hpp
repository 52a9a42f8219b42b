#pragma once
// What nodes exchange to keep every replica's logs and committed offsets up
// to date: each owner ships the records a peer has not acknowledged yet, and
// every node ships committed offsets the peer has not acknowledged yet.
#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kafka {

namespace json = boost::json;

// Records of one key at offsets first, first + 1, ...
struct LogSegment {
    std::int64_t first = 0;
    std::vector<json::value> msgs;
};
BOOST_DESCRIBE_STRUCT(LogSegment, (), (first, msgs))

struct ReplicationBatch {
    std::map<std::string, LogSegment> logs;
    std::map<std::string, std::int64_t> committed;

    bool empty() const noexcept { return logs.empty() && committed.empty(); }
};
BOOST_DESCRIBE_STRUCT(ReplicationBatch, (), (logs, committed))

// The receiver's contiguous prefix length of every key in the batch's logs;
// acknowledges cumulatively, so a lost acknowledgement only costs a resend.
struct ReplicationAck {
    std::map<std::string, std::int64_t> have;
};
BOOST_DESCRIBE_STRUCT(ReplicationAck, (), (have))

}  // namespace kafka
