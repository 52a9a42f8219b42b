#pragma once
// messages.svg: Maelstrom's Lamport diagram of the network journal.
#include <filesystem>
#include <string>
#include <vector>

#include "network/network.hpp"

namespace sim {

// One column per participant (clients, then nodes in test order, then
// services), time flowing down by event order, init traffic left out, at
// most `max_events` events drawn.
void write_message_diagram(const std::filesystem::path& file, const Network& network,
                           const std::vector<std::string>& nodes, std::size_t max_events = 10000);

}  // namespace sim
