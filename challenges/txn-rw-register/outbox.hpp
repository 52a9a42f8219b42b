#pragma once
// Write sets waiting to reach every peer. Each gets a sequence number; a peer
// acknowledges cumulatively (everything up to a number), unacknowledged ones
// are sent again, and a write set is dropped once every peer has it. Not
// thread-safe: the node serialises access.
#include <boost/describe.hpp>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "register_store.hpp"

namespace txn {

struct ReplicationBatch {
    std::int64_t last = 0;  // sequence number of the last write set
    std::vector<WriteSet> txns;
};
BOOST_DESCRIBE_STRUCT(ReplicationBatch, (), (last, txns))

class Outbox {
  public:
    explicit Outbox(std::vector<std::string> peers);

    void push(WriteSet writes);
    // The oldest write sets `peer` has not acknowledged, at most `limit`.
    ReplicationBatch batch_for(const std::string& peer, std::size_t limit) const;
    void acknowledged(const std::string& peer, std::int64_t up_to);
    std::size_t pending() const noexcept { return queue_.size(); }

  private:
    void drop_delivered();

    std::int64_t first_sequence_ = 1;  // sequence number of queue_.front()
    std::deque<WriteSet> queue_;
    std::map<std::string, std::int64_t> acked_;
};

}  // namespace txn
