#pragma once
// One Raft server as a pure state machine: messages, proposals and the time
// go in; messages to send and committed entries come out. It never reads a
// clock, sleeps or does I/O, so tests drive a whole cluster deterministically
// and the node only carries bodies to and from Maelstrom.
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "lin-kv/raft_messages.hpp"

namespace raft {

struct Timing {
    // A follower waits a random time in [min, max) for a leader before it
    // stands for election; randomness makes split votes rare.
    Millis election_min = 300;
    Millis election_max = 600;
    // Longest silence from a leader to a follower; any AppendEntries counts.
    Millis heartbeat = 100;
    // An AppendEntries not answered by then is sent again (messages drop).
    Millis resend = 150;
    // Most entries one AppendEntries carries.
    std::size_t max_batch = 256;
};

enum class Role { follower, candidate, leader };

class Raft {
  public:
    Raft(std::string id, std::vector<std::string> nodes, Timing timing, std::uint64_t seed,
         Millis now);

    // Runs timers: elections, heartbeats, resends, and the leader's check
    // that a majority still answers it.
    void tick(Millis now);
    void receive(const Envelope& message, Millis now);
    // Appends a command to the leader's log; nullopt unless leader. The
    // index says where it must be applied: any other command applied there
    // means this one never will be.
    std::optional<Index> propose(maelstrom::json::value command, Millis now);

    std::vector<Envelope> take_outbox();
    std::vector<Applied> take_applied();

    const std::string& id() const { return id_; }
    Role role() const { return role_; }
    Term term() const { return term_; }
    // The leader of the current term, when known.
    const std::optional<std::string>& leader() const { return leader_; }
    Index commit_index() const { return commit_; }
    Index last_index() const { return log_.size() - 1; }
    // Index 0 is a sentinel of term 0, so that entry i is log()[i].
    const std::vector<Entry>& log() const { return log_; }

  private:
    struct Peer {
        Index next = 1;
        Index match = 0;
        bool in_flight = false;
        Millis sent_at = 0;
        Millis heard_at = 0;
    };

    Term term_at(Index index) const { return log_[index].term; }
    std::size_t majority() const { return nodes_.size() / 2 + 1; }
    void send(const std::string& to, Payload payload);
    void reset_election_deadline(Millis now);
    void observe_term(Term term);
    void start_election(Millis now);
    void become_leader(Millis now);
    void step_down();
    bool hears_from_leader(Millis now) const;
    void replicate(const std::string& peer, Millis now);
    void replicate_all(Millis now);
    void advance_commit();
    void apply();

    void on_request_vote(const std::string& from, const RequestVote& request, Millis now);
    void on_vote_reply(const std::string& from, const VoteReply& reply, Millis now);
    void on_append(const std::string& from, const AppendEntries& request, Millis now);
    void on_append_reply(const std::string& from, const AppendReply& reply, Millis now);

    std::string id_;
    std::vector<std::string> nodes_;
    Timing timing_;
    std::mt19937_64 random_;

    Role role_ = Role::follower;
    Term term_ = 0;
    std::optional<std::string> voted_for_;
    std::optional<std::string> leader_;
    std::vector<Entry> log_{Entry{}};
    Index commit_ = 0;
    Index applied_ = 0;

    Millis election_deadline_ = 0;
    Millis leader_since_ = 0;
    Millis leader_heard_at_ = 0;
    std::vector<std::string> votes_;
    std::map<std::string, Peer> peers_;

    std::vector<Envelope> outbox_;
    std::vector<Applied> applied_out_;
};

}  // namespace raft
