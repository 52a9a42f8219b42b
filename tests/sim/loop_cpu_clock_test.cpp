#include "network/loop_cpu_clock.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <chrono>
#include <thread>

#include "network/network.hpp"
#include "run/rng.hpp"

namespace {

using namespace std::chrono_literals;
using sim::LoopCpuClock;

TEST(LoopCpuClock, CountsFromTheLatestMarkAtOrBeforeTheMomentAsked) {
    LoopCpuClock clock;
    const auto t0 = LoopCpuClock::Clock::now();
    clock.mark(t0, 100ns);
    clock.mark(t0 + 10ms, 200ns);
    clock.mark(t0 + 20ms, 500ns);
    EXPECT_EQ(clock.used_since(t0 + 15ms, 900ns), 700ns);
    EXPECT_EQ(clock.used_since(t0 + 10ms, 900ns), 700ns);
    EXPECT_EQ(clock.used_since(t0 + 25ms, 900ns), 400ns);
    EXPECT_EQ(clock.used_since(t0, 900ns), 800ns);
}

TEST(LoopCpuClock, BlamesTheBenchInFullForMomentsBeforeEveryMarkKept) {
    LoopCpuClock empty;
    EXPECT_EQ(empty.used_since(LoopCpuClock::Clock::now(), 900ns), std::chrono::nanoseconds::max());

    LoopCpuClock clock;
    const auto t0 = LoopCpuClock::Clock::now();
    clock.mark(t0, 0ns);
    clock.mark(t0 + 1s, 10ns);
    clock.mark(t0 + 3s, 20ns);  // the mark at t0 is now more than 2 s old: dropped
    EXPECT_EQ(clock.used_since(t0 + 500ms, 30ns), std::chrono::nanoseconds::max());
    EXPECT_EQ(clock.used_since(t0 + 1s, 30ns), 20ns);
}

// Two deliveries fall due together; the first one's handler holds the loop. The second is
// late either way, but only CPU the loop burned counts as the bench's own lag.
struct HeldLoop {
    boost::asio::io_context io;
    sim::Rng rng{1};
    sim::Network net{io, sim::LatencyModel(sim::LatencyDist::constant, 0), rng,
                     std::chrono::steady_clock::now()};
    LoopCpuClock clock;

    template <typename Hold>
    sim::NetEvent second_delivery(Hold hold) {
        net.set_loop_clock(&clock);
        net.add("c0", [](const sim::Message&) {});
        net.add("n0", [hold](const sim::Message&) { hold(); });
        net.add("n1", [](const sim::Message&) {});
        clock.mark();
        net.send("c0", "n0", {{"type", "echo"}});
        net.send("c0", "n1", {{"type", "echo"}});
        while (io.run_one() != 0) {
            clock.mark();
        }
        for (const auto& e : net.journal()) {
            if (e.kind == sim::NetEventKind::recv &&
                net.messages()[static_cast<std::size_t>(e.message_id)].dest == "n1") {
                return e;
            }
        }
        ADD_FAILURE() << "n1 got nothing";
        return {};
    }
};

TEST(Network, ALoopThatWasNotRunningIsNotTheBenchsOwnLag) {
    HeldLoop loop;
    const auto e = loop.second_delivery([] { std::this_thread::sleep_for(50ms); });
    const auto lag_us = (e.time_ns - e.due_ns) / 1000;
    EXPECT_GE(lag_us, 50'000);
    EXPECT_LT(e.own_lag_us, lag_us / 2);
}

TEST(Network, ALoopBusyWorkingIsTheBenchsOwnLag) {
    HeldLoop loop;
    const auto e = loop.second_delivery([] {
        const auto start = LoopCpuClock::thread_cpu_now();
        while (LoopCpuClock::thread_cpu_now() - start < 50ms) {
        }
    });
    EXPECT_GE(e.own_lag_us, 50'000);
    EXPECT_LE(e.own_lag_us, (e.time_ns - e.due_ns) / 1000);
}

TEST(Network, WithoutALoopClockAllOfTheLagIsTheBenchs) {
    boost::asio::io_context io;
    sim::Rng rng{1};
    sim::Network net{io, sim::LatencyModel(sim::LatencyDist::constant, 0), rng,
                     std::chrono::steady_clock::now()};
    net.add("c0", [](const sim::Message&) {});
    net.add("n0", [](const sim::Message&) { std::this_thread::sleep_for(20ms); });
    net.add("n1", [](const sim::Message&) {});
    net.send("c0", "n0", {{"type", "echo"}});
    net.send("c0", "n1", {{"type", "echo"}});
    io.run();
    for (const auto& e : net.journal()) {
        if (e.kind == sim::NetEventKind::recv) {
            EXPECT_EQ(e.own_lag_us, (e.time_ns - e.due_ns) / 1000);
        }
    }
}

}  // namespace
