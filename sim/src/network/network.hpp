#pragma once
// The simulated network (network.md): one earliest-deadline queue per
// registered id, drained by a single delivery loop per receiver, so a
// message enqueued behind a later-deadline head waits (head-of-line
// blocking) exactly as in Maelstrom. Partitions are applied at dequeue.
#include <boost/asio.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <string>
#include <vector>

#include "network/latency.hpp"
#include "network/loop_cpu_clock.hpp"
#include "network/message.hpp"
#include "run/rng.hpp"

namespace sim {

enum class NetEventKind { send, recv };

struct NetEvent {
    std::int64_t time_ns = 0;
    NetEventKind kind = NetEventKind::send;
    std::int64_t message_id = 0;  // index into Network::messages()
    // send: the latency model's deadline. recv: when the delivery loop was due
    // to hand it over (the deadline, or the moment it reached the head of the
    // queue if later: Maelstrom's head-of-line blocking). time_ns - due_ns of
    // a recv is the bench's own overhead.
    std::int64_t due_ns = 0;
    // recv: of time_ns - due_ns, the part the event loop spent running (its CPU time since the
    // delivery was due, µs): the bench's own work. Without a loop clock, all of it.
    std::int64_t own_lag_us = 0;
};

// A deque, not a vector: growing it never copies what is already journaled, which at tens of
// thousands of events would stall the delivery loop for milliseconds.
using Journal = std::deque<NetEvent>;

// receiver -> senders whose messages it drops.
using Partitions = std::map<std::string, std::set<std::string>>;

class Network {
  public:
    using Handler = std::function<void(const Message&)>;
    using Clock = std::chrono::steady_clock;

    Network(boost::asio::io_context& io, LatencyModel latency, Rng& rng, Clock::time_point start);

    void add(const std::string& id, Handler handler);
    void remove(const std::string& id);
    bool registered(const std::string& id) const { return receivers_.count(id) != 0; }

    // Accepts the message if both ends are registered (returns its id), else
    // returns -1 and sends nothing, as Maelstrom's validate step refuses it.
    std::int64_t send(const std::string& src, const std::string& dest, boost::json::object body);

    void set_partitions(Partitions partitions) { partitions_ = std::move(partitions); }
    void heal() { partitions_.clear(); }
    const Partitions& partitions() const { return partitions_; }

    // Called for every message sent / delivered (--log-net-send / --log-net-recv).
    std::function<void(const Message&)> on_send_log;
    std::function<void(const Message&)> on_recv_log;
    // Sees every journal event as it happens, its message body still intact.
    std::function<void(std::size_t index, const NetEvent&, const Message&)> on_event;

    // Bodies of messages with an id of `count` or more are released once the message has left
    // the network (delivered or dropped): a long run's messages, read replies carrying every
    // value seen so far, would otherwise exhaust memory. Ids, ends and the journal stay.
    void keep_bodies_of_first(std::int64_t count) { kept_bodies_ = count; }

    // The clock the event loop marks after every handler, to tell the bench's own share of
    // each delivery's lag from time the machine did not run the loop.
    void set_loop_clock(const LoopCpuClock* clock) { loop_clock_ = clock; }

    const Journal& journal() const { return journal_; }
    const std::deque<Message>& messages() const { return messages_; }
    std::int64_t now_ns() const;

  private:
    struct Entry {
        std::int64_t deadline_ns;
        std::int64_t message_id;
        bool operator>(const Entry& other) const {
            return deadline_ns != other.deadline_ns ? deadline_ns > other.deadline_ns
                                                    : message_id > other.message_id;
        }
    };
    struct Receiver {
        explicit Receiver(boost::asio::io_context& io) : timer(io) {}
        std::string id;
        Handler handler;
        std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
        bool busy = false;
        boost::asio::steady_timer timer;
    };

    void pump(const std::shared_ptr<Receiver>& receiver);
    void record(NetEvent event);
    void release_body(std::int64_t message_id);
    void deliver(const std::shared_ptr<Receiver>& receiver, std::int64_t message_id,
                 std::int64_t due_ns);

    boost::asio::io_context& io_;
    LatencyModel latency_;
    Rng& rng_;
    Clock::time_point start_;
    std::map<std::string, std::shared_ptr<Receiver>> receivers_;
    Partitions partitions_;
    std::deque<Message> messages_;
    Journal journal_;
    std::int64_t kept_bodies_ = std::numeric_limits<std::int64_t>::max();
    const LoopCpuClock* loop_clock_ = nullptr;
};

}  // namespace sim
