#pragma once
// A message on the simulated network, as Maelstrom's net record holds it.
#include <boost/json.hpp>
#include <cstdint>
#include <string>

namespace sim {

struct Message {
    std::int64_t id = 0;  // network-wide counter assigned at send
    std::string src;
    std::string dest;
    boost::json::object body;
    // The line handed to the destination, laid once at send for the journal's two events and
    // the delivery; emptied once delivered or dropped.
    std::string wire;
};

// The line written to a node's stdin: {"id":..,"src":..,"dest":..,"body":{..}}.
std::string to_wire_line(const Message& message);

// Maelstrom treats any id starting with 'c' as a client (latency 0, :clients stats).
inline bool is_client_id(const std::string& id) {
    return !id.empty() && id.front() == 'c';
}

}  // namespace sim
