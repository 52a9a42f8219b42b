#include "broadcast/broadcast_core.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace {

using broadcast::BroadcastCore;
using broadcast::Config;
using broadcast::GossipBody;
using broadcast::Millis;
using broadcast::Outgoing;

// An in-memory cluster: messages take `latency` ms, every node ticks every
// `interval` (100 ms when unbatched), and links in `blocked` drop messages the
// way a Maelstrom partition does.
class Cluster {
  public:
    Cluster(int size, Config config, Millis latency) : config_(config), latency_(latency) {
        for (int i = 0; i < size; ++i) {
            names_.push_back("n" + std::to_string(i));
        }
        for (const std::string& name : names_) {
            nodes_.emplace(name, BroadcastCore(name, names_, config));
        }
    }

    BroadcastCore& node(const std::string& name) { return nodes_.at(name); }

    void broadcast(const std::string& name, const boost::json::value& value) {
        std::vector<Outgoing> out;
        node(name).broadcast(value, now_, out);
        post(name, out);
    }

    void run_for(Millis duration) {
        const Millis end = now_ + duration;
        const Millis period = config_.interval.count() > 0 ? config_.interval : Millis(100);
        while (now_ < end) {
            now_ += Millis(1);
            auto due = in_flight_.begin();
            while (due != in_flight_.end() && std::get<0>(due->first) <= now_) {
                const auto [at, from, to, seq] = due->first;
                std::vector<Outgoing> out;
                // The body travels as JSON, as it would between processes.
                const auto body = boost::json::value_to<GossipBody>(due->second);
                EXPECT_TRUE(node(to).receive(from, body, now_, out));
                due = in_flight_.erase(due);
                post(to, out);
            }
            if (now_.count() % period.count() == 0) {
                for (const std::string& name : names_) {
                    std::vector<Outgoing> out;
                    node(name).tick(now_, out);
                    post(name, out);
                }
            }
        }
    }

    bool everyone_has(int count) {
        for (const std::string& name : names_) {
            if (node(name).values().size() != static_cast<std::size_t>(count)) {
                return false;
            }
        }
        return true;
    }

    std::set<std::pair<std::string, std::string>> blocked;
    int sent_from_to(const std::string& from, const std::string& to) const {
        auto found = sent_between.find({from, to});
        return found == sent_between.end() ? 0 : found->second;
    }

    std::size_t sent = 0;
    std::map<std::pair<std::string, std::string>, int> sent_between;
    // How often each (receiver, origin, seq) was carried by a message.
    std::map<std::tuple<std::string, std::string, std::int64_t>, int> copies;

  private:
    void post(const std::string& from, std::vector<Outgoing>& out) {
        for (Outgoing& message : out) {
            ++sent;
            ++sent_between[{from, message.dest}];
            for (const auto& item : message.body.items) {
                ++copies[{message.dest, item.origin, item.seq}];
            }
            if (blocked.contains({from, message.dest})) {
                continue;
            }
            in_flight_.emplace(std::make_tuple(now_ + latency_, from, message.dest, ++order_),
                               boost::json::value_from(message.body));
        }
        out.clear();
    }

    Config config_;
    Millis latency_;
    Millis now_{0};
    std::uint64_t order_ = 0;
    std::vector<std::string> names_;
    std::map<std::string, BroadcastCore> nodes_;
    std::map<std::tuple<Millis, std::string, std::string, std::uint64_t>, boost::json::value>
        in_flight_;
};

void cut_off(Cluster& cluster, const std::string& isolated, int size) {
    for (int i = 0; i < size; ++i) {
        const std::string other = "n" + std::to_string(i);
        if (other != isolated) {
            cluster.blocked.insert({isolated, other});
            cluster.blocked.insert({other, isolated});
        }
    }
}

TEST(BroadcastCore, SingleNodeStoresWithoutSending) {
    BroadcastCore core("n0", {"n0"}, Config{});
    std::vector<Outgoing> out;
    core.broadcast(boost::json::value(3), Millis(0), out);
    core.tick(Millis(5000), out);
    EXPECT_TRUE(out.empty());
    ASSERT_EQ(core.values().size(), 1u);
    EXPECT_EQ(core.values()[0], boost::json::value(3));
}

TEST(BroadcastCore, OriginSendsOnceToTheHubAndTheHubBatches) {
    Cluster cluster(5, Config{}, Millis(100));
    cluster.broadcast("n3", 1);
    cluster.broadcast("n4", 2);
    cluster.run_for(Millis(400));
    EXPECT_TRUE(cluster.everyone_has(2));
    // Two relays to n0, then one batch from n0 to each of n1..n4 (n1 gets
    // both values at once): 2 + 4 messages, no acknowledgement yet.
    EXPECT_EQ(cluster.sent, 6u);
}

TEST(BroadcastCore, NothingIsSentTwiceWhenNothingIsLost) {
    Cluster cluster(7, Config{}, Millis(100));
    for (int value = 0; value < 60; ++value) {
        cluster.broadcast("n" + std::to_string(value % 7), value);
        cluster.run_for(Millis(13));
    }
    cluster.run_for(Millis(5000));
    EXPECT_TRUE(cluster.everyone_has(60));
    for (const auto& [key, count] : cluster.copies) {
        EXPECT_EQ(count, 1) << std::get<0>(key) << " got " << std::get<1>(key) << "/"
                            << std::get<2>(key) << " " << count << " times";
    }
    for (int i = 0; i < 7; ++i) {
        EXPECT_EQ(cluster.node("n" + std::to_string(i)).unacknowledged(), 0u);
        EXPECT_EQ(cluster.node("n" + std::to_string(i)).retained(), 0u);
    }
}

TEST(BroadcastCore, IsolatedHubIsReplacedByTheNextOne) {
    Cluster cluster(5, Config{}, Millis(100));
    cut_off(cluster, "n0", 5);
    cluster.broadcast("n3", 10);
    cluster.run_for(Millis(3000));
    EXPECT_EQ(cluster.node("n3").current_hub(), "n1");
    for (const char* name : {"n1", "n2", "n3", "n4"}) {
        EXPECT_EQ(cluster.node(name).values().size(), 1u) << name;
    }
    EXPECT_EQ(cluster.node("n0").values().size(), 0u);
    cluster.blocked.clear();
    cluster.run_for(Millis(5000));
    EXPECT_TRUE(cluster.everyone_has(1));
    // Once the first hub is heard from again, origins return to it.
    cluster.broadcast("n0", 11);
    cluster.run_for(Millis(500));
    EXPECT_EQ(cluster.node("n3").current_hub(), "n0");
}

TEST(BroadcastCore, FailoverWalksTheNodeListInOrder) {
    Cluster cluster(5, Config{}, Millis(100));
    cut_off(cluster, "n0", 5);
    cut_off(cluster, "n1", 5);
    cluster.broadcast("n4", 1);
    cluster.broadcast("n3", 2);
    cluster.run_for(Millis(4000));
    EXPECT_EQ(cluster.node("n4").current_hub(), "n2");
    EXPECT_EQ(cluster.node("n3").current_hub(), "n2");
    EXPECT_EQ(cluster.node("n4").values().size(), 2u);
}

TEST(BroadcastCore, OriginCutOffFromEveryHubDeliversDirectly) {
    Config config;
    config.hub_count = 2;
    Cluster cluster(5, config, Millis(100));
    cluster.blocked.insert({"n4", "n0"});
    cluster.blocked.insert({"n4", "n1"});
    cluster.broadcast("n4", 5);
    cluster.run_for(Millis(4000));
    EXPECT_EQ(cluster.node("n4").current_hub(), "n4");
    EXPECT_EQ(cluster.node("n2").values().size(), 1u);
    EXPECT_EQ(cluster.node("n3").values().size(), 1u);
    cluster.blocked.clear();
    cluster.run_for(Millis(4000));
    EXPECT_TRUE(cluster.everyone_has(1));
}

TEST(BroadcastCore, LostBatchIsResentAfterThePartitionHeals) {
    Cluster cluster(5, Config{}, Millis(100));
    cluster.blocked.insert({"n0", "n2"});
    cluster.broadcast("n3", 7);
    cluster.run_for(Millis(5000));
    EXPECT_EQ(cluster.node("n2").values().size(), 0u);
    EXPECT_GT(cluster.node("n0").unacknowledged(), 0u);
    cluster.blocked.clear();
    cluster.run_for(Millis(5000));
    EXPECT_TRUE(cluster.everyone_has(1));
    EXPECT_EQ(cluster.node("n0").unacknowledged(), 0u);
}

// Reads are answered from the set of values; an item's own value is kept only while some
// delivery of it is unacknowledged, so a node's memory follows what is in flight.
TEST(BroadcastCore, AValueIsKeptForSendingOnlyUntilEveryDeliveryIsAcknowledged) {
    Cluster cluster(5, Config{}, Millis(100));
    cluster.blocked.insert({"n0", "n2"});
    cluster.broadcast("n3", 7);
    cluster.broadcast("n3", 8);
    cluster.run_for(Millis(5000));
    // n0 still owes n2 both; the origin's relay was acknowledged, so it keeps nothing.
    EXPECT_EQ(cluster.node("n0").retained(), 2u);
    EXPECT_EQ(cluster.node("n3").retained(), 0u);
    cluster.blocked.clear();
    cluster.run_for(Millis(5000));
    EXPECT_TRUE(cluster.everyone_has(2));
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(cluster.node("n" + std::to_string(i)).retained(), 0u) << "n" << i;
    }
}

TEST(BroadcastCore, UnresponsivePeerGetsOnlyResends) {
    Cluster cluster(5, Config{}, Millis(100));
    cluster.blocked.insert({"n0", "n2"});
    cluster.blocked.insert({"n2", "n0"});
    for (int value = 0; value < 100; ++value) {
        cluster.broadcast(value % 2 == 0 ? "n3" : "n4", value);
        cluster.run_for(Millis(100));
    }
    // A value every 100 ms for 10 s: n0 has something for n2 in about 100
    // batches. Until the first deadline (2.08 s) n2 gets ~20 of them; once it
    // is suspect, only one resend per delivery timeout (~4 more).
    EXPECT_LE(cluster.sent_from_to("n0", "n2"), 30);
    EXPECT_GE(cluster.sent_from_to("n0", "n3"), 100);
    cluster.blocked.clear();
    cluster.run_for(Millis(5000));
    EXPECT_TRUE(cluster.everyone_has(100));
}

TEST(BroadcastCore, FallbackHubBatchesAtTheLongerInterval) {
    Cluster cluster(5, Config{}, Millis(100));
    cut_off(cluster, "n0", 5);
    cluster.broadcast("n3", 0);
    cluster.run_for(Millis(3000));
    ASSERT_EQ(cluster.node("n3").current_hub(), "n1");
    const int before = cluster.sent_from_to("n1", "n2");
    for (int value = 1; value <= 40; ++value) {
        cluster.broadcast("n3", value);
        cluster.run_for(Millis(50));
    }
    // 2 s of relaying: every 400 ms rather than every 80 ms.
    EXPECT_LE(cluster.sent_from_to("n1", "n2") - before, 7);
    cluster.run_for(Millis(1000));
    EXPECT_EQ(cluster.node("n2").values().size(), 41u);
}

TEST(BroadcastCore, EveryValueSurvivesAMajorityPartition) {
    Cluster cluster(9, Config{}, Millis(100));
    for (const char* a : {"n0", "n2", "n4", "n6"}) {
        for (const char* b : {"n1", "n3", "n5", "n7", "n8"}) {
            cluster.blocked.insert({a, b});
            cluster.blocked.insert({b, a});
        }
    }
    for (int value = 0; value < 90; ++value) {
        cluster.broadcast("n" + std::to_string(value % 9), value);
        cluster.run_for(Millis(20));
    }
    cluster.run_for(Millis(2000));
    cluster.blocked.clear();
    cluster.run_for(Millis(8000));
    EXPECT_TRUE(cluster.everyone_has(90));
    for (int i = 0; i < 9; ++i) {
        EXPECT_EQ(cluster.node("n" + std::to_string(i)).retained(), 0u) << "n" << i;
    }
}

TEST(BroadcastCore, DirectShapeWithoutBatchingSendsToEveryPeerAtOnce) {
    Config config;
    config.shape = broadcast::Shape::direct;
    config.interval = Millis(0);
    Cluster cluster(6, config, Millis(100));
    cluster.broadcast("n2", 1);
    EXPECT_EQ(cluster.sent, 5u);
    cluster.run_for(Millis(101));
    EXPECT_TRUE(cluster.everyone_has(1));
}

TEST(BroadcastCore, GossipFromUnknownSenderIsIgnored) {
    BroadcastCore core("n0", {"n0", "n1"}, Config{});
    std::vector<Outgoing> out;
    GossipBody body;
    body.items.push_back({"n9", 1, boost::json::value(4)});
    EXPECT_FALSE(core.receive("c7", body, Millis(0), out));
    EXPECT_TRUE(core.values().empty());
}

TEST(BroadcastCore, MalformedItemsAreSkippedAndEqualValuesReportedOnce) {
    BroadcastCore core("n0", {"n0", "n1"}, Config{});
    std::vector<Outgoing> out;
    GossipBody body;
    body.items.push_back({"", 1, boost::json::value(1)});
    body.items.push_back({"n1", 0, boost::json::value(2)});
    body.items.push_back({"n1", 1, boost::json::value(3)});
    body.items.push_back({"n1", 2, boost::json::value(3)});
    EXPECT_TRUE(core.receive("n1", body, Millis(0), out));
    ASSERT_EQ(core.values().size(), 1u);
    EXPECT_EQ(core.values()[0], boost::json::value(3));
}

TEST(BroadcastCore, AnItemClaimingToBeThisNodesOwnDoesNotTakeItsNumber) {
    BroadcastCore core("n0", {"n0", "n1", "n2"}, Config{});
    std::vector<Outgoing> out;
    GossipBody forged;
    forged.items.push_back({"n0", 1, boost::json::value(99)});
    EXPECT_TRUE(core.receive("n1", forged, Millis(0), out));
    core.broadcast(boost::json::value(5), Millis(1), out);
    core.tick(Millis(100), out);
    ASSERT_EQ(core.values().size(), 1u);
    EXPECT_EQ(core.values()[0], boost::json::value(5));
    bool delivered = false;
    for (const Outgoing& message : out) {
        for (const auto& item : message.body.items) {
            delivered = delivered || (item.origin == "n0" && item.value == boost::json::value(5));
        }
    }
    EXPECT_TRUE(delivered);
}

// Values are kept once and items refer to them; whatever their JSON kind, the value an item
// carries to a peer is the one broadcast under it.
TEST(BroadcastCore, ValuesOfEveryKindReachEveryNodeOnceEach) {
    Cluster cluster(5, Config{}, Millis(50));
    const std::vector<boost::json::value> sent = {7,
                                                  -3,
                                                  18446744073709551615ULL,
                                                  2.5,
                                                  "seven",
                                                  nullptr,
                                                  true,
                                                  boost::json::array{1, 2},
                                                  boost::json::object{{"k", "v"}}};
    for (std::size_t i = 0; i < sent.size(); ++i) {
        cluster.broadcast("n" + std::to_string(i % 5), sent[i]);
    }
    // The same values again, from other origins: new items, no new values.
    cluster.broadcast("n4", 7);
    cluster.broadcast("n1", std::uint64_t{7});
    cluster.broadcast("n3", "seven");
    cluster.broadcast("n2", boost::json::object{{"k", "v"}});
    cluster.run_for(Millis(3000));
    for (int i = 0; i < 5; ++i) {
        const auto& values = cluster.node("n" + std::to_string(i)).values();
        ASSERT_EQ(values.size(), sent.size()) << "n" << i;
        for (const auto& value : sent) {
            EXPECT_EQ(std::count(values.begin(), values.end(), value), 1)
                << "n" << i << " " << boost::json::serialize(value);
        }
    }
}

}  // namespace
