#pragma once
// Writes the network journal to `net-journal.jsonl` while the run goes on, one
// line per send or receive event with the whole message, so that message
// bodies need not stay in memory until the end of a long run.
#include <cstddef>
#include <filesystem>
#include <fstream>

#include "network/message.hpp"
#include "network/network.hpp"

namespace sim {

class JournalWriter {
  public:
    explicit JournalWriter(const std::filesystem::path& file);

    void write(std::size_t index, const NetEvent& event, const Message& message);
    void flush() { out_.flush(); }

  private:
    std::ofstream out_;
};

}  // namespace sim
