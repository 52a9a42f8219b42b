#pragma once
// The node-to-node message of the broadcast node. Every gossip carries the
// sender's whole "have" vector, which doubles as a cumulative acknowledgement
// of everything the receiver sent or relayed to it.
#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "seq_set.hpp"

namespace broadcast {

namespace json = boost::json;

// One broadcast value, identified by the node that accepted it from a client
// and that node's sequence number for it.
struct WireItem {
    std::string origin;
    std::int64_t seq = 0;
    json::value value;
};
BOOST_DESCRIBE_STRUCT(WireItem, (), (origin, seq, value))

struct GossipBody {
    std::string type = "gossip";
    std::vector<WireItem> items;
    std::map<std::string, SeqSetWire> have;
    // Set when the receiver is asked to pass the items on to every other node.
    bool relay = false;
};
BOOST_DESCRIBE_STRUCT(GossipBody, (), (type, items, have, relay))

}  // namespace broadcast
