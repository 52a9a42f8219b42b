#pragma once
// The lin-kv node: a Raft server (raft.hpp) whose log holds every client
// operation, reads included, and a KvStore that applies them. The leader
// proposes what its clients and followers send it; a follower forwards its
// clients' requests to the leader it knows and relays the answer.
#include <chrono>
#include <maelstrom/maelstrom.hpp>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "lin-kv/kv_store.hpp"
#include "lin-kv/raft.hpp"

namespace lin_kv {

struct Settings {
    raft::Timing timing;
    std::chrono::milliseconds tick{10};
    // The workload's clients give up after 1 s.
    std::chrono::milliseconds forward_timeout{1000};
    // A proposal not applied by then is forgotten: its client left long ago.
    raft::Millis pending_limit = 5000;
};

class LinKvNode {
  public:
    LinKvNode(maelstrom::Node& node, Settings settings);

  private:
    struct Pending {
        std::string tag;
        maelstrom::Message request;
        raft::Millis proposed_at = 0;
    };
    // Everything a locked step produced, sent once the lock is released.
    struct Output {
        std::vector<raft::Envelope> messages;
        std::vector<std::pair<maelstrom::Message, Outcome>> replies;
    };

    raft::Millis now() const;
    void on_client(const maelstrom::Message& request, Command command);
    void forward(const maelstrom::Message& request, const std::string& leader);
    void on_raft(const maelstrom::Message& message);
    void tick();
    Output collect();
    void deliver(Output output);

    maelstrom::Node& node_;
    Settings settings_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::mutex mutex_;
    std::optional<raft::Raft> raft_;
    KvStore store_;
    std::map<raft::Index, Pending> pending_;
    std::uint64_t next_tag_ = 0;
};

}  // namespace lin_kv
