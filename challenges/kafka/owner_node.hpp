#pragma once
// The default design: every key has an owner node that assigns its offsets
// from an in-memory log; other nodes forward sends to it and receive its
// records through batched, cumulatively acknowledged replication, so polls
// and offset commits are answered locally. No storage service is used.
#include <atomic>
#include <chrono>
#include <maelstrom/maelstrom.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "log_store.hpp"

namespace kafka {

struct OwnerNodeOptions {
    // Replication cadence: longer batches mean fewer messages; polls never
    // wait for replication, so only final-read freshness depends on it.
    std::chrono::milliseconds replication_interval{100};
    std::size_t records_per_batch = 4096;
    std::size_t records_per_poll = 4096;
    // The final phase polls every key from offset 0 at once; a reply of every record kept
    // would take memory in proportion to the whole log on each handler thread. Clients move
    // on to what they got, so a capped reply only costs a few more polls.
    std::size_t records_per_poll_reply = 32768;
    // A list of committed offsets that cannot reach every node fails rather
    // than risk answering with offsets older than an earlier list's.
    std::size_t committed_query_attempts = 5;
};

class OwnerNode {
  public:
    OwnerNode(maelstrom::Node& node, OwnerNodeOptions options = {});

  private:
    void start();
    maelstrom::asio::awaitable<void> on_send(const maelstrom::Message& request);
    void on_append(const maelstrom::Message& request);
    void on_poll(const maelstrom::Message& request);
    void on_commit_offsets(const maelstrom::Message& request);
    maelstrom::asio::awaitable<void> on_list_committed_offsets(const maelstrom::Message& request);
    void on_local_committed_offsets(const maelstrom::Message& request);
    void on_replicate(const maelstrom::Message& request);
    void replicate();

    maelstrom::Node& node_;
    OwnerNodeOptions options_;
    std::mutex mutex_;
    std::unique_ptr<LogStore> store_;
    std::set<std::string> peers_in_flight_;
    std::atomic<std::int64_t> next_request_{0};
};

}  // namespace kafka
