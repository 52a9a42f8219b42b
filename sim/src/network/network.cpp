#include "network/network.hpp"

#include <algorithm>

namespace sim {

Network::Network(boost::asio::io_context& io, LatencyModel latency, Rng& rng,
                 Clock::time_point start)
    : io_(io), latency_(latency), rng_(rng), start_(start) {}

std::int64_t Network::now_ns() const {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start_).count();
}

void Network::add(const std::string& id, Handler handler) {
    auto receiver = std::make_shared<Receiver>(io_);
    receiver->id = id;
    receiver->handler = std::move(handler);
    receivers_[id] = std::move(receiver);
}

void Network::remove(const std::string& id) {
    auto it = receivers_.find(id);
    if (it == receivers_.end()) {
        return;
    }
    it->second->handler = nullptr;
    it->second->timer.cancel();
    receivers_.erase(it);
}

std::int64_t Network::send(const std::string& src, const std::string& dest,
                           boost::json::object body) {
    if (!registered(src) || !registered(dest)) {
        return -1;
    }
    const auto id = static_cast<std::int64_t>(messages_.size());
    messages_.push_back(Message{id, src, dest, std::move(body), {}});
    messages_.back().wire = to_wire_line(messages_.back());
    const std::int64_t now = now_ns();
    const std::int64_t deadline = now + latency_.draw_ms(rng_, src, dest) * 1'000'000;
    record(NetEvent{now, NetEventKind::send, id, deadline});
    if (on_send_log) {
        on_send_log(messages_.back());
    }
    const auto& receiver = receivers_.at(dest);
    receiver->queue.push(Entry{deadline, id});
    if (!receiver->busy) {
        pump(receiver);
    }
    return id;
}

void Network::pump(const std::shared_ptr<Receiver>& receiver) {
    while (!receiver->queue.empty()) {
        const Entry head = receiver->queue.top();
        receiver->queue.pop();
        const Message& message = messages_[static_cast<std::size_t>(head.message_id)];
        auto dropped = partitions_.find(receiver->id);
        if (dropped != partitions_.end() && dropped->second.count(message.src) != 0) {
            release_body(head.message_id);
            continue;
        }
        receiver->busy = true;
        const auto wake = start_ + std::chrono::nanoseconds(head.deadline_ns);
        const auto message_id = head.message_id;
        const std::int64_t due = std::max(head.deadline_ns, now_ns());
        if (wake <= Clock::now()) {
            boost::asio::post(
                io_, [this, receiver, message_id, due] { deliver(receiver, message_id, due); });
        } else {
            receiver->timer.expires_at(wake);
            receiver->timer.async_wait(
                [this, receiver, message_id, due](const boost::system::error_code& ec) {
                    if (!ec) {
                        deliver(receiver, message_id, due);
                    }
                });
        }
        return;
    }
    receiver->busy = false;
}

void Network::deliver(const std::shared_ptr<Receiver>& receiver, std::int64_t message_id,
                      std::int64_t due_ns) {
    if (!receiver->handler) {
        return;  // unregistered meanwhile
    }
    NetEvent event{now_ns(), NetEventKind::recv, message_id, due_ns};
    auto own = std::chrono::nanoseconds(std::max<std::int64_t>(0, event.time_ns - due_ns));
    if (loop_clock_ != nullptr && own.count() > 0) {
        own = std::min(own, loop_clock_->used_since(start_ + std::chrono::nanoseconds(due_ns),
                                                    LoopCpuClock::thread_cpu_now()));
    }
    event.own_lag_us = own.count() / 1000;
    record(event);
    // A deque keeps references valid while handlers send (and so append).
    const Message& message = messages_[static_cast<std::size_t>(message_id)];
    if (on_recv_log) {
        on_recv_log(message);
    }
    auto handler = receiver->handler;
    handler(message);
    release_body(message_id);
    receiver->busy = false;
    if (receiver->handler) {
        pump(receiver);
    }
}

void Network::record(NetEvent event) {
    journal_.push_back(event);
    if (on_event) {
        on_event(journal_.size() - 1, journal_.back(),
                 messages_[static_cast<std::size_t>(event.message_id)]);
    }
}

void Network::release_body(std::int64_t message_id) {
    Message& message = messages_[static_cast<std::size_t>(message_id)];
    std::string().swap(message.wire);
    if (message_id >= kept_bodies_) {
        boost::json::object().swap(message.body);
    }
}

}  // namespace sim
