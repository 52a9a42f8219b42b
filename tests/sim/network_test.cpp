#include "network/network.hpp"

#include <gtest/gtest.h>

#include <set>

#include "checkers/net_stats.hpp"
#include "network/latency.hpp"
#include "network/nemesis.hpp"

namespace {

double mean_of_draws(sim::LatencyDist dist, std::int64_t mean_ms, int samples) {
    sim::Rng rng(42);
    const sim::LatencyModel model(dist, mean_ms);
    double sum = 0;
    for (int i = 0; i < samples; ++i) {
        sum += static_cast<double>(model.draw_ms(rng, "n1", "n2"));
    }
    return sum / samples;
}

TEST(Latency, ConstantIsExactlyTheMean) {
    sim::Rng rng(1);
    const sim::LatencyModel model(sim::LatencyDist::constant, 100);
    for (int i = 0; i < 100; ++i) {
        EXPECT_EQ(model.draw_ms(rng, "n0", "n1"), 100);
    }
}

TEST(Latency, ClientTrafficIsFree) {
    sim::Rng rng(1);
    const sim::LatencyModel model(sim::LatencyDist::exponential, 100);
    EXPECT_EQ(model.draw_ms(rng, "c3", "n1"), 0);
    EXPECT_EQ(model.draw_ms(rng, "n1", "c3"), 0);
    EXPECT_GE(model.draw_ms(rng, "n1", "lin-kv") + model.draw_ms(rng, "n1", "lin-kv") +
                  model.draw_ms(rng, "n1", "lin-kv"),
              1);
}

TEST(Latency, UniformMeanWithinFivePercent) {
    const double mean = mean_of_draws(sim::LatencyDist::uniform, 100, 200000);
    EXPECT_NEAR(mean, 99.5, 99.5 * 0.05);
}

TEST(Latency, UniformStaysBelowTwiceTheMean) {
    sim::Rng rng(3);
    const sim::LatencyModel model(sim::LatencyDist::uniform, 10);
    std::set<std::int64_t> seen;
    for (int i = 0; i < 10000; ++i) {
        seen.insert(model.draw_ms(rng, "n0", "n1"));
    }
    EXPECT_EQ(*seen.begin(), 0);
    EXPECT_EQ(*seen.rbegin(), 19);
}

TEST(Latency, ExponentialMeanWithinFivePercent) {
    const double mean = mean_of_draws(sim::LatencyDist::exponential, 100, 200000);
    EXPECT_NEAR(mean, 99.5, 99.5 * 0.05);
}

struct Delivered {
    std::set<std::pair<std::string, std::string>> pairs;
};

// Sends one message along every ordered pair of `nodes` under `partitions`
// and returns the pairs that arrived.
std::set<std::pair<std::string, std::string>> deliver_all(const std::vector<std::string>& nodes,
                                                          const sim::Partitions& partitions) {
    boost::asio::io_context io;
    sim::Rng rng(5);
    sim::Network net(io, sim::LatencyModel(sim::LatencyDist::constant, 0), rng,
                     std::chrono::steady_clock::now());
    Delivered delivered;
    for (const auto& node : nodes) {
        net.add(node,
                [&delivered](const sim::Message& m) { delivered.pairs.emplace(m.src, m.dest); });
    }
    net.set_partitions(partitions);
    for (const auto& a : nodes) {
        for (const auto& b : nodes) {
            if (a != b) {
                net.send(a, b, boost::json::object{{"type", "ping"}});
            }
        }
    }
    io.run();
    return delivered.pairs;
}

TEST(Partitions, DropExactlyTheCrossPartitionMessages) {
    const std::vector<std::string> nodes{"n0", "n1", "n2", "n3", "n4"};
    for (const auto kind : {sim::GrudgeKind::one, sim::GrudgeKind::minority_third,
                            sim::GrudgeKind::majority, sim::GrudgeKind::majorities_ring}) {
        for (int seed = 0; seed < 5; ++seed) {
            sim::Rng rng(static_cast<std::uint64_t>(seed));
            const auto grudge = sim::make_grudge(kind, nodes, rng);
            const auto delivered = deliver_all(nodes, grudge);
            for (const auto& a : nodes) {
                for (const auto& b : nodes) {
                    if (a == b) {
                        continue;
                    }
                    auto it = grudge.find(b);
                    const bool cut = it != grudge.end() && it->second.count(a) != 0;
                    EXPECT_EQ(delivered.count({a, b}) == 0, cut)
                        << sim::to_string(kind) << " " << a << "->" << b;
                }
            }
        }
    }
}

TEST(Partitions, MajorityCutsTwoAgainstThreeBothWays) {
    const std::vector<std::string> nodes{"n0", "n1", "n2", "n3", "n4"};
    sim::Rng rng(9);
    const auto grudge = sim::make_grudge(sim::GrudgeKind::majority, nodes, rng);
    std::size_t dropped_pairs = 0;
    for (const auto& [receiver, senders] : grudge) {
        dropped_pairs += senders.size();
        for (const auto& sender : senders) {
            EXPECT_EQ(grudge.at(sender).count(receiver), 1u);
        }
    }
    EXPECT_EQ(dropped_pairs, 2u * 2u * 3u);
}

TEST(Partitions, MajoritiesRingLeavesEveryNodeAMajority) {
    const std::vector<std::string> nodes{"n0", "n1", "n2", "n3", "n4", "n5", "n6"};
    for (const std::size_t n : {3u, 5u, 7u}) {
        const std::vector<std::string> group(nodes.begin(), nodes.begin() + static_cast<long>(n));
        sim::Rng rng(n);
        const auto grudge = sim::make_grudge(sim::GrudgeKind::majorities_ring, group, rng);
        for (const auto& node : group) {
            const auto it = grudge.find(node);
            const std::size_t heard = n - (it == grudge.end() ? 0 : it->second.size());
            EXPECT_GE(heard, n / 2 + 1) << node;
        }
    }
}

TEST(Partitions, MinorityThirdOfThreeIsANoOp) {
    sim::Rng rng(1);
    EXPECT_TRUE(sim::make_grudge(sim::GrudgeKind::minority_third, {"n0", "n1", "n2"}, rng).empty());
}

TEST(Partitions, ClientsAndServicesAreNeverCut) {
    const auto delivered =
        deliver_all({"n0", "c1", "lin-kv"}, sim::Partitions{{"n0", {"n1", "n2"}}});
    EXPECT_EQ(delivered.size(), 6u);
}

TEST(NetStats, MsgsPerOpMatchesAHandCountedRun) {
    boost::asio::io_context io;
    sim::Rng rng(5);
    sim::Network net(io, sim::LatencyModel(sim::LatencyDist::constant, 0), rng,
                     std::chrono::steady_clock::now());
    for (const char* id : {"c0", "n0", "n1", "seq-kv"}) {
        net.add(id, [](const sim::Message&) {});
    }
    net.set_partitions({{"n1", {"n0"}}});
    net.send("c0", "n0", {{"type", "add"}});     // client request
    net.send("n0", "n1", {{"type", "gossip"}});  // dropped by the partition: sent, never received
    net.send("n0", "seq-kv", {{"type", "read"}});
    net.send("seq-kv", "n0", {{"type", "read_ok"}});
    net.send("n0", "c0", {{"type", "add_ok"}});  // client reply
    io.run();
    const auto stats = sim::net_stats(net.journal(), net.messages(), 1);
    EXPECT_EQ(stats.at("all").at("msg-count").as_int64(), 5);
    EXPECT_EQ(stats.at("all").at("send-count").as_int64(), 5);
    EXPECT_EQ(stats.at("all").at("recv-count").as_int64(), 4);
    EXPECT_DOUBLE_EQ(stats.at("all").at("msgs-per-op").as_double(), 5.0);
    EXPECT_EQ(stats.at("clients").at("msg-count").as_int64(), 2);
    EXPECT_FALSE(stats.at("clients").as_object().contains("msgs-per-op"));
    EXPECT_DOUBLE_EQ(stats.at("servers").at("msgs-per-op").as_double(), 3.0);
}

// Hand-made journals: the lag of a delivery is how long after it was due it happened, and
// sends never count.
TEST(NetStats, DeliveryLagIsMeasuredFromWhenEachDeliveryWasDue) {
    using Kind = sim::NetEventKind;
    const sim::Journal journal{
        {1'000'000, Kind::send, 0, 900'000'000},  // a send's due is its deadline: not a lag
        {2'000'000, Kind::recv, 0, 1'900'000, 100},
        // the worst: 2.5 ms late, 3.5 ms into the run, of which the loop ran 300 µs
        {3'500'000, Kind::recv, 1, 1'000'000, 300},
        {4'000'000, Kind::recv, 2, 4'000'000, 0},
    };
    const auto lag = sim::delivery_lag_us(journal);
    EXPECT_EQ(lag.at("1").as_int64(), 2500);
    EXPECT_EQ(lag.at("0").as_int64(), 0);
    EXPECT_DOUBLE_EQ(sim::delivery_lag_max_at_s(journal), 0.0035);
    const auto own = sim::delivery_lag_own_us(journal);
    EXPECT_EQ(own.at("1").as_int64(), 300);
    EXPECT_EQ(own.at("0.5").as_int64(), 100);
    EXPECT_DOUBLE_EQ(sim::delivery_lag_max_at_s(sim::Journal{}), 0.0);
}

TEST(Network, RefusesUnregisteredDestinations) {
    boost::asio::io_context io;
    sim::Rng rng(5);
    sim::Network net(io, sim::LatencyModel(sim::LatencyDist::constant, 0), rng,
                     std::chrono::steady_clock::now());
    net.add("n0", [](const sim::Message&) {});
    EXPECT_LT(net.send("n0", "c9", {{"type", "late_reply"}}), 0);
    EXPECT_TRUE(net.journal().empty());
}

TEST(Network, ReleasesBodiesBeyondTheKeptOnesOnceDeliveredOrDropped) {
    boost::asio::io_context io;
    sim::Rng rng(5);
    sim::Network net(io, sim::LatencyModel(sim::LatencyDist::constant, 0), rng,
                     std::chrono::steady_clock::now());
    net.keep_bodies_of_first(1);
    std::vector<std::string> delivered;
    net.add("n0",
            [&](const sim::Message& m) { delivered.push_back(boost::json::serialize(m.body)); });
    net.add("n1", [](const sim::Message&) {});
    std::vector<std::string> journaled;
    net.on_event = [&](std::size_t index, const sim::NetEvent& event, const sim::Message& m) {
        EXPECT_EQ(index + 1, net.journal().size());
        EXPECT_EQ(event.message_id, m.id);
        journaled.push_back(boost::json::serialize(m.body));
    };
    net.send("n1", "n0", {{"type", "kept"}});
    net.send("n1", "n0", {{"type", "released"}});
    io.run();
    net.set_partitions({{"n0", {"n1"}}});
    net.send("n1", "n0", {{"type", "dropped"}});
    io.restart();
    io.run();

    EXPECT_EQ(delivered,
              (std::vector<std::string>{R"({"type":"kept"})", R"({"type":"released"})"}));
    // Sends and receipts are seen with their bodies intact, whatever happens to them later.
    EXPECT_EQ(journaled, (std::vector<std::string>{R"({"type":"kept"})", R"({"type":"released"})",
                                                   R"({"type":"kept"})", R"({"type":"released"})",
                                                   R"({"type":"dropped"})"}));
    ASSERT_EQ(net.messages().size(), 3U);
    EXPECT_EQ(net.messages()[0].body.size(), 1U);
    EXPECT_TRUE(net.messages()[1].body.empty());
    EXPECT_TRUE(net.messages()[2].body.empty());
    EXPECT_EQ(net.messages()[2].src, "n1");
    for (const auto& m : net.messages()) {
        EXPECT_TRUE(m.wire.empty()) << "message " << m.id << " still holds its line";
    }
}

// The line is serialized once at send; the journal's send and receive events and the
// destination all see that same text.
TEST(Network, LaysEachMessagesLineOnceForTheJournalAndTheDestination) {
    boost::asio::io_context io;
    sim::Rng rng(5);
    sim::Network net(io, sim::LatencyModel(sim::LatencyDist::constant, 0), rng,
                     std::chrono::steady_clock::now());
    std::vector<std::string> delivered;
    net.add("n0", [&](const sim::Message& m) { delivered.push_back(m.wire); });
    net.add("c1", [](const sim::Message&) {});
    std::vector<std::string> journaled;
    net.on_event = [&](std::size_t, const sim::NetEvent&, const sim::Message& m) {
        journaled.push_back(m.wire);
    };
    net.send("c1", "n0", {{"type", "echo"}, {"echo", "hi"}, {"msg_id", 1}});
    io.run();
    const std::string line =
        R"({"id":0,"src":"c1","dest":"n0","body":{"type":"echo","echo":"hi","msg_id":1}})"
        "\n";
    EXPECT_EQ(delivered, std::vector<std::string>{line});
    EXPECT_EQ(journaled, (std::vector<std::string>{line, line}));
}

}  // namespace
