#pragma once
// The grow-only set of one node and its replication links, without I/O.
//
// One node, the hub (the first node id), relays for everybody: a leaf sends
// the elements its clients added to the hub only, and the hub forwards them to
// every other node, so a round costs 2 (n - 1) messages instead of the
// n (n - 1) of all-to-all gossip. Each link is reliable: an entry stays
// pending, and is resent every round, until the peer acknowledges it, so a
// partition delays elements but never loses them. A leaf whose hub has not
// acknowledged an element for `fallback_rounds` rounds routes it around the
// hub: to a substitute relay, the lowest-id leaf it has heard from lately
// (which relays as the hub would), or, when that is itself or it has heard
// from nobody, to every other peer directly. A partition that cuts off only
// the hub thus costs about a hub round, not all-to-all gossip. A leaf that
// hears an element sent around the hub hands it to the hub as well, since the
// hub may be cut off from the sender but not from it. A peer that has not
// answered for two rounds is sent to every other round only: behind a
// partition every message is lost, and the heal still reaches it within two
// rounds, well inside the workload's 10 s of recovery.
#include <cstdint>
#include <maelstrom/maelstrom.hpp>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace g_set {

using Elements = std::set<maelstrom::json::value, maelstrom::json_less>;

// One gossip message: `elements` holds every entry of the link that the peer
// has not acknowledged, numbered up to `upto`; `ack` acknowledges the peer's
// entries up to that number; `relay` asks the peer to forward them to
// everybody, as the hub does.
struct Gossip {
    std::string peer;
    maelstrom::json::array elements;
    std::uint64_t upto = 0;
    std::uint64_t ack = 0;
    bool relay = false;
};

maelstrom::json::object gossip_body(const Gossip& gossip);

class Replica {
  public:
    Replica(std::string self, std::vector<std::string> nodes, int fallback_rounds = 2);

    const std::string& hub() const noexcept { return hub_; }
    bool is_hub() const noexcept { return self_ == hub_; }

    // An element from a client. Returns false when it was known already.
    bool add(const maelstrom::json::value& element);

    // A gossip message from `from`.
    void receive(const std::string& from, const maelstrom::json::array& elements,
                 std::uint64_t upto, std::uint64_t ack, bool relay = false);

    // The messages of one round: one per peer that has pending entries or is
    // owed an acknowledgement.
    std::vector<Gossip> round();

    const Elements& elements() const noexcept { return elements_; }
    std::size_t pending(const std::string& peer) const;

  private:
    struct Entry {
        maelstrom::json::value element;
        std::uint64_t round = 0;
        // Where it was routed around the hub: a substitute relay, or this
        // node itself for every peer; empty while it waits for the hub.
        std::string routed_via;
        // Its copies on other links, by peer and sequence number: once the
        // hub has the element, the hub's links carry it to everybody.
        std::vector<std::pair<std::string, std::uint64_t>> copies;
    };
    struct Link {
        std::map<std::uint64_t, Entry> pending;  // by sequence number
        std::uint64_t next_seq = 1;
        std::uint64_t received_upto = 0;
        std::uint64_t ack_sent = 0;
        // Rounds we sent to the peer since it last sent us anything.
        int unanswered = 0;
        bool skipped_last = false;
        // The round after which the peer last sent us anything.
        std::uint64_t heard_round = 0;
        bool heard = false;
        // The pending entries include some the peer is to relay.
        bool relay = false;
    };

    void enqueue(Link& link, const maelstrom::json::value& element);
    // Enqueues the element on every link but `except`'s; returns the copies.
    std::vector<std::pair<std::string, std::uint64_t>> relay(const maelstrom::json::value& element,
                                                             const std::string& except);
    void attach_copies(std::vector<std::pair<std::string, std::uint64_t>> copies);
    // Drops the copies of the hub's acknowledged entries up to `ack`.
    void drop_copies_acknowledged_by_hub(std::uint64_t ack);
    void route_around_hub();
    std::string substitute_relay() const;

    std::string self_;
    std::string hub_;
    int fallback_rounds_;
    std::uint64_t round_ = 0;
    Elements elements_;
    std::map<std::string, Link> links_;  // by peer
};

}  // namespace g_set
