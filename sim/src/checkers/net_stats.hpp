#pragma once
// Maelstrom's :net statistics over the journal (network.md section 5).
#include <boost/json.hpp>
#include <deque>
#include <vector>

#include "history.hpp"
#include "message.hpp"
#include "network.hpp"

namespace sim {

// op_count = client invocations in the history.
boost::json::object net_stats(const std::vector<NetEvent>& journal,
                              const std::deque<Message>& messages, std::int64_t op_count);

std::int64_t client_op_count(const History& history);

}  // namespace sim
