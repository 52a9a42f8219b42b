#pragma once
// Rounds aligned to the wall clock, shared by the gossiping challenges
// (g-set, pn-counter), and their period read from the environment.
// Leaves send at the start of a round and the hub a little later, so the hub
// forwards what the leaves sent in the same round instead of one round later.
// All Maelstrom nodes run on one host and share its clock; with skewed clocks
// the rounds only lose that alignment, never correctness.
#include <chrono>
#include <cstdint>
#include <maelstrom/node.hpp>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace rounds {

struct Timing {
    std::chrono::milliseconds period{2500};
    // How long after the leaves the hub sends.
    std::chrono::milliseconds hub_offset{60};
    // Rounds without an acknowledgement from the hub before a leaf sends its
    // own data to every peer directly.
    int fallback_rounds = 2;
};

// Delay from `now` (time since the epoch) to the next instant that is
// `offset` past a multiple of `period`; never zero, so a round that ran on
// its instant waits for the next one.
inline std::chrono::milliseconds delay_to_next_round(std::chrono::milliseconds now,
                                                     std::chrono::milliseconds period,
                                                     std::chrono::milliseconds offset) {
    const auto phase = ((now - offset) % period + period) % period;
    return period - phase;
}

template <class Lookup>
Timing timing_from(Lookup lookup, const char* variable, Timing timing, std::string& problems) {
    const char* raw = lookup(variable);
    if (raw == nullptr) {
        return timing;
    }
    const std::string_view text(raw);
    std::int64_t value = 0;
    bool valid = !text.empty() && text.size() <= 7;
    for (char c : text) {
        valid = valid && c >= '0' && c <= '9';
        value = value * 10 + (c - '0');
    }
    // The hub's offset must fit inside a round.
    if (valid && value > 2 * timing.hub_offset.count()) {
        timing.period = std::chrono::milliseconds(value);
    } else {
        problems += std::string(variable) + "='" + raw + "' is not a valid period; ";
    }
    return timing;
}

// Runs `round` at every round instant until the node stops: at the start of
// each round, or hub_offset later while is_hub() says this node is the hub
// (asked each time, since the hub is known only once init has named the nodes).
template <class IsHub, class Round>
void schedule_rounds(maelstrom::Node& node, Timing timing, IsHub is_hub, Round round) {
    const auto offset = is_hub() ? timing.hub_offset : std::chrono::milliseconds{0};
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    node.after(delay_to_next_round(now, timing.period, offset),
               [&node, timing, is_hub = std::move(is_hub), round = std::move(round)]() mutable {
                   round();
                   schedule_rounds(node, timing, std::move(is_hub), std::move(round));
               });
}

// Gossip in rounds: each round takes the messages of `state` (a type with
// is_hub() and round(), the latter returning what to send, each with a
// .peer) under `mutex` and sends them, outside it, as to_body(message).
template <class State, class ToBody>
void gossip_in_rounds(maelstrom::Node& node, Timing timing, std::mutex& mutex,
                      std::optional<State>& state, ToBody to_body) {
    schedule_rounds(
        node, timing,
        [&mutex, &state] {
            std::lock_guard lock(mutex);
            return state && state->is_hub();
        },
        [&node, &mutex, &state, to_body] {
            decltype(state->round()) messages;
            {
                std::lock_guard lock(mutex);
                if (!state) {
                    return;
                }
                messages = state->round();
            }
            for (const auto& message : messages) {
                node.send(message.peer, to_body(message));
            }
        });
}

}  // namespace rounds
