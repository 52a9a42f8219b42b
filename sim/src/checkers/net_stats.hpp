#pragma once
// Maelstrom's :net statistics over the journal (network.md section 5).
#include <boost/json.hpp>
#include <deque>
#include <vector>

#include "network/message.hpp"
#include "network/network.hpp"
#include "run/history.hpp"

namespace sim {

// op_count = client invocations in the history.
boost::json::object net_stats(const Journal& journal, const std::deque<Message>& messages,
                              std::int64_t op_count);

std::int64_t client_op_count(const History& history);

// The bench's own overhead: for every delivered message, how long after the
// delivery loop was due to hand it over it did, in microseconds (waiting
// behind the queue head is Maelstrom's behaviour and is not counted).
boost::json::object delivery_lag_us(const Journal& journal);

// Of each of those lags, the part the bench's event loop spent running (NetEvent::own_lag_us):
// what the bench's own work cost, as opposed to time the machine did not run it.
boost::json::object delivery_lag_own_us(const Journal& journal);

// When the latest of those deliveries happened, in seconds since the run began (0 with
// none), so that it can be matched against what else the machine did at that moment.
double delivery_lag_max_at_s(const Journal& journal);

}  // namespace sim
