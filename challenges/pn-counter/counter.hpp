#pragma once
// A PN-counter CRDT and its replication links, without I/O.
//
// The counter is, per node, the sum of its positive deltas and the sum of the
// magnitudes of its negative ones; only the owner raises its entry, every
// other entry is merged by maximum, so stale, repeated or reordered messages
// never lower it. The whole map is a few integers per node, so each message
// carries all of it. A leaf sends to the hub (the first node id) only and the
// hub to every leaf: 2 (n - 1) messages per round. Each link resends until the
// peer acknowledges the sender's current version, so the last changes before a
// partition heals arrive within a round of the heal; a leaf whose hub has not
// acknowledged for `fallback_rounds` rounds sends to every peer directly.
#include <boost/describe.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pn_counter {

struct Counts {
    std::int64_t plus = 0;
    std::int64_t minus = 0;
};
BOOST_DESCRIBE_STRUCT(Counts, (), (plus, minus))

// The gossip message: {"type": "counts", "counts": {"n0": {"plus": 3,
// "minus": 1}, ...}, "version": v, "ack": a}. `version` numbers the sender's
// state; `ack` is the highest version of the receiver's state the sender has.
struct CountsBody {
    std::string type = "counts";
    std::map<std::string, Counts> counts;
    std::uint64_t version = 0;
    std::uint64_t ack = 0;
};
BOOST_DESCRIBE_STRUCT(CountsBody, (), (type, counts, version, ack))

struct Outgoing {
    std::string peer;
    CountsBody body;
};

class Counter {
  public:
    Counter(std::string self, std::vector<std::string> nodes, int fallback_rounds = 2);

    const std::string& hub() const noexcept { return hub_; }
    bool is_hub() const noexcept { return self_ == hub_; }

    // Returns false (and changes nothing) when the own entry would overflow.
    bool add(std::int64_t delta);
    std::int64_t value() const;

    void receive(const std::string& from, const CountsBody& body);

    // The messages of one round.
    std::vector<Outgoing> round();

    const std::map<std::string, Counts>& counts() const noexcept { return counts_; }
    std::uint64_t version() const noexcept { return version_; }

  private:
    struct Link {
        std::uint64_t acked = 0;     // our version the peer has confirmed
        std::uint64_t received = 0;  // the peer's newest version we have
        std::uint64_t ack_sent = 0;
    };

    std::string self_;
    std::string hub_;
    int fallback_rounds_;
    std::uint64_t round_ = 0;
    std::uint64_t version_ = 0;
    // The round in which the hub last acknowledged something new, or last
    // had nothing to acknowledge.
    std::uint64_t hub_current_round_ = 0;
    // The hub's acknowledgement as the previous round saw it.
    std::uint64_t hub_acked_seen_ = 0;
    std::map<std::string, Counts> counts_;
    std::map<std::string, Link> links_;
};

}  // namespace pn_counter
