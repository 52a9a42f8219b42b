#pragma once
// The straightforward design, kept as a baseline to measure against: each
// key's whole log is one lin-kv value, a send appends to it with a
// read + compare-and-set round trip (the offset is the list position), polls
// read the log and committed offsets are compare-and-set maxima in lin-kv.
#include <atomic>
#include <cstdint>
#include <maelstrom/maelstrom.hpp>
#include <string>

namespace kafka {

class LinKvNode {
  public:
    explicit LinKvNode(maelstrom::Node& node);

  private:
    maelstrom::asio::awaitable<void> on_send(const maelstrom::Message& request);
    maelstrom::asio::awaitable<void> on_poll(const maelstrom::Message& request);
    maelstrom::asio::awaitable<void> on_commit_offsets(const maelstrom::Message& request);
    maelstrom::asio::awaitable<void> on_list_committed_offsets(const maelstrom::Message& request);
    maelstrom::asio::awaitable<std::int64_t> append(const std::string& key,
                                                    const boost::json::value& msg);
    maelstrom::asio::awaitable<boost::json::array> read_log(const std::string& key);

    maelstrom::Node& node_;
    maelstrom::LinKV kv_;
    std::atomic<std::int64_t> next_request_{0};
};

}  // namespace kafka
