#pragma once
// One key's log as a node sees it: the contiguous prefix of offsets 0..n-1 it
// holds, plus records that arrived ahead of a gap. Polls are answered from the
// prefix only, so a reader can never skip an offset that exists elsewhere.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "packed_integers.hpp"

namespace kafka {

namespace json = boost::json;

using Record = std::pair<std::int64_t, json::value>;

class KeyLog {
  public:
    // Appends at the next offset (the owner's path) and returns that offset.
    std::int64_t append(json::value msg);
    // Places a record learnt from the owner; duplicates are ignored.
    void insert(std::int64_t offset, json::value msg);

    // Offsets [0, contiguous_size()) are all present.
    std::int64_t contiguous_size() const noexcept {
        return static_cast<std::int64_t>(integers_.size() + (rare_ ? rare_->values.size() : 0));
    }
    // The message at `offset`, which must be in [0, contiguous_size()).
    json::value message(std::int64_t offset) const;
    // Up to `limit` records of the prefix starting at `offset`.
    std::vector<Record> read_from(std::int64_t offset, std::size_t limit) const;
    // The prefix's messages from `offset` on, at most `limit` of them.
    std::vector<json::value> messages_from(std::int64_t offset, std::size_t limit) const;

  private:
    // What the workload never produces, allocated only when needed.
    struct Rare {
        // The prefix, from the first message that is not an int64 on; `integers_` is then
        // empty, so that offsets stay positions in one sequence.
        std::vector<json::value> values;
        std::map<std::int64_t, json::value> ahead_of_gap;
    };

    void push_back(json::value msg);
    Rare& rare();
    void release_rare_if_unused() noexcept;

    // The prefix while every message in it is an int64 (the workload's messages are).
    PackedIntegers integers_;
    std::unique_ptr<Rare> rare_;
};

}  // namespace kafka
