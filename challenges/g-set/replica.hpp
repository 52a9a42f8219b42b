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
// (which relays as the hub would, or hands it to the hub if it hears the
// hub itself), or, when that is itself or it has heard from nobody, to every
// other peer directly. A partition that cuts off only
// the hub thus costs about a hub round, not all-to-all gossip. A leaf that
// hears an element sent around the hub hands it to the hub as well, since the
// hub may be cut off from the sender but not from it. A leaf sends to the
// other leaves only after the hub has had the time to answer it in the same
// round, so it can tell them whether it still hears the hub: one that does not
// is handed, by a leaf that hears the hub (or hears a leaf that does), what
// that leaf learnt while the hub was silent, and from then on whatever it
// learns, until it hears the hub again, or the hub's round names it among the
// leaves it heard; then the hub's link delivers. While a leaf hears the hub,
// what it routed around the hub waits for the hub's acknowledgement instead
// of going to the leaves again, and a leaf the hub named with it needs no
// bare acknowledgement from it. A peer that has not answered for two rounds
// is sent to every other round only: behind a partition every message is
// lost. A leaf that hears the hub again after such a silence answers it at
// once, instead of a round later. A leaf that nobody answers, cut off alone,
// also probes the hub between rounds (probe_round), and the hub answers a
// probe at once: everything the leaf lacks, and everything it holds, waits on
// the first message across the heal. It tries the other leaves every eighth
// round only.
#include <cstdint>
#include <deque>
#include <maelstrom/maelstrom.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace g_set {

using Elements = std::set<maelstrom::json::value, maelstrom::json_less>;

// One gossip message: `elements` holds every entry of the link that the peer
// has not acknowledged, numbered up to `upto`; `ack` acknowledges the peer's
// entries up to that number; `relay` asks the peer to forward them to
// everybody, as the hub does; `cut`, from a leaf to a leaf, is how many
// rounds the sender's hub has been silent (0 while it answers); `probe`,
// from a leaf cut off alone to the hub, asks for an answer at once;
// `hears`, from the hub's round, names the leaves it heard since its last
// round. `peer` is the recipient.
struct Gossip {
    std::string peer;
    maelstrom::json::array elements;
    std::uint64_t upto = 0;
    std::uint64_t ack = 0;
    bool relay = false;
    std::uint64_t cut = 0;
    bool probe = false;
    std::vector<std::string> hears{};
};

maelstrom::json::object gossip_body(const Gossip& gossip);

class Replica {
  public:
    Replica(std::string self, std::vector<std::string> nodes, int fallback_rounds = 2);

    const std::string& hub() const noexcept { return hub_; }
    bool is_hub() const noexcept { return self_ == hub_; }

    // An element from a client. Returns false when it was known already.
    bool add(const maelstrom::json::value& element);

    // A gossip message from `from`. Returns the answer to send it at once,
    // if any: the hub answers a probe, and a leaf a hub it had stopped
    // hearing, with the entries they are owed.
    std::vector<Gossip> receive(const std::string& from, const Gossip& gossip);

    // The messages of one round: one per peer that has pending entries or is
    // owed an acknowledgement. A leaf sends to the hub in round() and, once
    // the hub has answered, to the other leaves in late_round(), so that it
    // tells them whether it still hears the hub and passes on what the hub
    // has just sent.
    std::vector<Gossip> round();
    std::vector<Gossip> late_round();
    // Between rounds: a leaf cut off alone probes the hub.
    std::vector<Gossip> probe_round();

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
        // Passed on to a peer cut off from the hub, which the hub's link
        // delivers once the peer hears the hub again.
        bool passed_on = false;
    };
    struct Link {
        std::map<std::uint64_t, Entry> pending;  // by sequence number
        std::uint64_t next_seq = 1;
        std::uint64_t received_upto = 0;
        std::uint64_t ack_sent = 0;
        // Rounds we sent the peer entries since it last sent us anything.
        int unanswered = 0;
        bool skipped_last = false;
        // The round after which the peer last sent us anything.
        std::uint64_t heard_round = 0;
        bool heard = false;
        // The pending entries include some the peer is to relay.
        bool relay = false;
        // Until this round the peer is known to be cut off from the hub, so
        // this node passes on to it what it learns.
        std::uint64_t cut_until = 0;
        // The last round in which the peer, a leaf, said it heard the hub.
        std::optional<std::uint64_t> hub_heard_round;
    };

    enum class Recipients { all, hub, leaves };
    std::vector<Gossip> send(Recipients recipients);
    // Holds the link's pending entries, or only those passed on unless
    // `copies`.
    Gossip message(const std::string& peer, Link& link, std::uint64_t cut, bool copies);
    // A leaf that has sent to every peer for the fallback's rounds without an
    // answer.
    bool alone() const;
    // Inserts an element heard from `from` (this node for a client's) and
    // sends it on; returns false when it was known already.
    bool learn(const maelstrom::json::value& element, const std::string& from, bool relay_request);
    // Rounds since the hub was last heard, while it has not answered what
    // this leaf last sent it; else 0.
    std::uint64_t hub_cut_rounds() const;
    // The link's peer says it has not heard the hub for `rounds` rounds (0:
    // it hears it). Said to a leaf that hears the hub, or hears a leaf that
    // does, the peer is handed what that leaf learnt in them and, until it
    // hears the hub again, whatever that leaf learns.
    void note_cut(Link& link, std::uint64_t rounds);
    // The hub's round says which leaves it heard: those hear it as well.
    void note_hub_hears(const std::vector<std::string>& leaves);
    // The leaves the hub heard since its last round (the hub only).
    std::vector<std::string> heard_leaves() const;
    // A leaf leaves out a bare acknowledgement to a leaf when the hub's list
    // this round named both: that leaf then drops what it passed on to this
    // one, and the hub acknowledges the rest of its entries.
    bool ack_needed(const std::string& peer) const;
    void pass_on(Link& link, const maelstrom::json::value& element);

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
    // The leaves the hub's round named last, and the round it came in.
    std::set<std::string> hub_hears_;
    std::uint64_t hub_hears_round_ = 0;
    Elements elements_;
    // What this node learnt, by round, as long as a cut-off leaf may lack it.
    std::deque<std::pair<std::uint64_t, maelstrom::json::value>> learnt_;
    std::map<std::string, Link> links_;  // by peer
};

}  // namespace g_set
