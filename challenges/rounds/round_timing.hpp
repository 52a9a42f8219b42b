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
    // Probes between two rounds, for a state that has probe_round().
    int probes_per_round = 3;
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

// Runs `round` at every instant `offset()` past a multiple of the period,
// until the node stops; `offset` is asked each time, since the hub is known
// only once init has named the nodes. `Timers` is maelstrom::Node, or
// anything with its after(delay, fn).
template <class Timers, class Offset, class Round>
void schedule_rounds(Timers& timers, Timing timing, Offset offset, Round round) {
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    const auto scheduled = offset();
    timers.after(delay_to_next_round(now, timing.period, scheduled),
                 [&timers, timing, scheduled, offset = std::move(offset),
                  round = std::move(round)]() mutable {
                     // Timed before init changed the offset, this instant is the
                     // wrong one: running it too would make two rounds in one period.
                     if (offset() == scheduled) {
                         round();
                     }
                     schedule_rounds(timers, timing, std::move(offset), std::move(round));
                 });
}

// Gossip in rounds: each round takes the messages of `state` (a type with
// is_hub() and round(), the latter returning what to send, each with a
// .peer) under `mutex` and sends them, outside it, as to_body(message).
// Leaves send at the start of a round, the hub hub_offset later. A state that
// also has late_round() has it run at twice hub_offset, after the hub has
// sent, for what leaves send each other (the hub's late_round sends nothing),
// and one with probe_round() has it run probes_per_round times, evenly
// spaced between two rounds.
template <class State, class ToBody>
void gossip_in_rounds(maelstrom::Node& node, Timing timing, std::mutex& mutex,
                      std::optional<State>& state, ToBody to_body) {
    const auto is_hub = [&mutex, &state] {
        std::lock_guard lock(mutex);
        return state && state->is_hub();
    };
    const auto send = [&node, &mutex, &state, to_body](auto take) {
        decltype(state->round()) messages;
        {
            std::lock_guard lock(mutex);
            if (!state) {
                return;
            }
            messages = take(*state);
        }
        for (const auto& message : messages) {
            node.send(message.peer, to_body(message));
        }
    };
    schedule_rounds(
        node, timing,
        [timing, is_hub] { return is_hub() ? timing.hub_offset : std::chrono::milliseconds{0}; },
        [send] { send([](State& s) { return s.round(); }); });
    if constexpr (requires(State & s) { s.late_round(); }) {
        schedule_rounds(
            node, timing, [timing] { return 2 * timing.hub_offset; },
            [send] { send([](State& s) { return s.late_round(); }); });
    }
    if constexpr (requires(State & s) { s.probe_round(); }) {
        for (int probe = 1; probe <= timing.probes_per_round; ++probe) {
            schedule_rounds(
                node, timing,
                [timing, probe] { return timing.period * probe / (timing.probes_per_round + 1); },
                [send] { send([](State& s) { return s.probe_round(); }); });
        }
    }
}

}  // namespace rounds
