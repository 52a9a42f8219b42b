#pragma once
// A deterministic network for Raft servers under test: simulated time in
// steps, random delays (so messages overtake each other), drops, duplicates
// and partitions, all drawn from one seed. After every step it hands each
// server's state to the invariant checker.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "challenges/lin_kv_raft_invariants.hpp"
#include "lin-kv/raft.hpp"

namespace raft_test {

struct Chaos {
    double drop = 0.05;
    double duplicate = 0.02;
    raft::Millis max_delay = 30;
    bool partitions = true;
};

class SimCluster {
  public:
    SimCluster(std::size_t size, std::uint64_t seed, Chaos chaos = {})
        : random_(seed), chaos_(chaos) {
        for (std::size_t i = 0; i < size; ++i) {
            ids_.push_back("n" + std::to_string(i));
        }
        for (std::size_t i = 0; i < size; ++i) {
            servers_.emplace_back(ids_[i], ids_, raft::Timing{}, seed * 1000 + i, now_);
            side_.push_back(0);
        }
    }

    std::vector<raft::Raft>& servers() { return servers_; }
    raft::Millis now() const { return now_; }
    InvariantChecker& checker() { return checker_; }

    // Cuts the cluster into two random sides (or heals it, side all 0).
    void partition_randomly() {
        for (auto& side : side_) {
            side = random_() % 2;
        }
    }
    void heal() { std::fill(side_.begin(), side_.end(), 0); }
    void set_chaos(Chaos chaos) { chaos_ = chaos; }

    // Proposes to every server that believes it leads; returns how many took it.
    int propose(const maelstrom::json::value& command) {
        int taken = 0;
        for (auto& server : servers_) {
            if (server.propose(command, now_)) {
                ++taken;
            }
        }
        collect();
        return taken;
    }

    // One millisecond of time: due messages arrive, timers run, the
    // invariants are checked.
    void step() {
        ++now_;
        std::stable_sort(in_flight_.begin(), in_flight_.end(),
                         [](const auto& a, const auto& b) { return a.at < b.at; });
        std::size_t due = 0;
        while (due < in_flight_.size() && in_flight_[due].at <= now_) {
            ++due;
        }
        std::vector<Flight> arriving(in_flight_.begin(), in_flight_.begin() + due);
        in_flight_.erase(in_flight_.begin(), in_flight_.begin() + due);
        for (const auto& flight : arriving) {
            const auto to = index_of(flight.message.to);
            if (side_[index_of(flight.message.from)] != side_[to]) {
                continue;
            }
            servers_[to].receive(flight.message, now_);
        }
        for (auto& server : servers_) {
            server.tick(now_);
        }
        collect();
        std::vector<ServerView> views;
        for (const auto& server : servers_) {
            views.push_back(view_of(server));
        }
        const auto problem = checker_.check(views);
        ASSERT_EQ(problem, "") << "at " << now_ << " ms";
    }

    void run_for(raft::Millis duration) {
        const auto until = now_ + duration;
        while (now_ < until && !::testing::Test::HasFatalFailure()) {
            step();
        }
    }

    // Applied commands of one server, in order.
    const std::vector<maelstrom::json::value>& applied(std::size_t server) const {
        return applied_.at(server);
    }

  private:
    struct Flight {
        raft::Millis at = 0;
        raft::Envelope message;
    };

    std::size_t index_of(const std::string& id) const {
        return static_cast<std::size_t>(std::find(ids_.begin(), ids_.end(), id) - ids_.begin());
    }

    void collect() {
        applied_.resize(servers_.size());
        for (std::size_t i = 0; i < servers_.size(); ++i) {
            for (auto& message : servers_[i].take_outbox()) {
                send(std::move(message));
            }
            for (auto& entry : servers_[i].take_applied()) {
                const auto problem = checker_.applied(ids_[i], entry);
                ASSERT_EQ(problem, "");
                applied_[i].push_back(entry.command);
            }
        }
    }

    void send(raft::Envelope message) {
        std::uniform_real_distribution<double> chance(0, 1);
        if (chance(random_) < chaos_.drop) {
            return;
        }
        std::uniform_int_distribution<raft::Millis> delay(
            1, std::max<raft::Millis>(1, chaos_.max_delay));
        if (chance(random_) < chaos_.duplicate) {
            in_flight_.push_back(Flight{now_ + delay(random_), message});
        }
        in_flight_.push_back(Flight{now_ + delay(random_), std::move(message)});
    }

    std::mt19937_64 random_;
    Chaos chaos_;
    raft::Millis now_ = 0;
    std::vector<std::string> ids_;
    std::vector<raft::Raft> servers_;
    std::vector<int> side_;
    std::vector<Flight> in_flight_;
    std::vector<std::vector<maelstrom::json::value>> applied_;
    InvariantChecker checker_;
};

}  // namespace raft_test
