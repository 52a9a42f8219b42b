#pragma once
// Maelstrom's kafka client: one per worker thread, replaced after every :info.
// It remembers, per key, the next offset to poll; assign resumes keys at
// their committed offsets, poll commits what it has read.
#include <map>
#include <optional>
#include <string>

#include "run/workload.hpp"

namespace sim {

class KafkaClient : public Client {
  public:
    // assign ops of the final phase (Op::final) seek to the beginning of
    // every key instead of resuming at committed offsets.
    std::variant<boost::json::object, Completion> request(const Op& invoke) override;
    Completion on_reply(const Op& invoke, const boost::json::object& reply) override;

    const std::map<std::string, std::int64_t>& offsets() const { return offsets_; }

  private:
    Completion on_assign_reply(const Op& invoke, const boost::json::object& reply);
    Completion on_poll_reply(const boost::json::object& reply);

    std::map<std::string, std::int64_t> offsets_;  // key -> next offset to poll
    // A poll whose commit_offsets is in flight: the value to record once committed.
    std::optional<boost::json::value> polled_;
};

}  // namespace sim
