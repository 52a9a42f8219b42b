#include "services/services.hpp"

#include <gtest/gtest.h>

namespace {

boost::json::object req(boost::json::object body) {
    return body;
}

std::int64_t code_of(const boost::json::object& reply) {
    return reply.at("code").as_int64();
}

TEST(LinKv, ReadWriteCasSemantics) {
    sim::LinKv kv;
    EXPECT_EQ(code_of(*kv.handle("n0", req({{"type", "read"}, {"key", "x"}}))), 20);
    EXPECT_EQ(kv.handle("n0", req({{"type", "write"}, {"key", "x"}, {"value", 1}}))->at("type"),
              "write_ok");
    EXPECT_EQ(kv.handle("n1", req({{"type", "read"}, {"key", "x"}}))->at("value"), 1);
    EXPECT_EQ(
        code_of(*kv.handle("n1", req({{"type", "cas"}, {"key", "x"}, {"from", 2}, {"to", 3}}))),
        22);
    EXPECT_EQ(
        kv.handle("n1", req({{"type", "cas"}, {"key", "x"}, {"from", 1}, {"to", 3}}))->at("type"),
        "cas_ok");
    EXPECT_EQ(
        code_of(*kv.handle("n1", req({{"type", "cas"}, {"key", "y"}, {"from", 1}, {"to", 3}}))),
        20);
    EXPECT_EQ(kv.handle("n1", req({{"type", "cas"},
                                   {"key", "y"},
                                   {"from", 9},
                                   {"to", 3},
                                   {"create_if_not_exists", true}}))
                  ->at("type"),
              "cas_ok");
    EXPECT_EQ(kv.handle("n0", req({{"type", "read"}, {"key", "y"}}))->at("value"), 3);
}

TEST(LinKv, KeysOfDifferentTypesDiffer) {
    sim::LinKv kv;
    kv.handle("n0", req({{"type", "write"}, {"key", 1}, {"value", "int"}}));
    EXPECT_EQ(code_of(*kv.handle("n0", req({{"type", "read"}, {"key", "1"}}))), 20);
}

TEST(LinKv, UnknownTypeGetsNoReply) {
    sim::LinKv kv;
    EXPECT_FALSE(kv.handle("n0", req({{"type", "frobnicate"}, {"key", 1}})).has_value());
}

TEST(SeqKv, ServesStaleReadsToOtherCallers) {
    sim::Rng rng(11);
    sim::SeqKv kv(rng);
    for (int v = 1; v <= 10; ++v) {
        kv.handle("n0", req({{"type", "write"}, {"key", "k"}, {"value", v}}));
    }
    bool saw_stale = false;
    std::int64_t last = 0;
    for (int i = 0; i < 50; ++i) {
        auto reply = kv.handle("n1", req({{"type", "read"}, {"key", "k"}}));
        const std::int64_t value =
            reply->at("type") == "read_ok" ? reply->at("value").as_int64() : 0;
        saw_stale = saw_stale || value < 10;
        EXPECT_GE(value, last) << "a caller's reads never go back in time";
        last = value;
    }
    EXPECT_TRUE(saw_stale);
}

TEST(SeqKv, OwnWriteMakesReadsFresh) {
    sim::Rng rng(12);
    sim::SeqKv kv(rng);
    for (int v = 1; v <= 10; ++v) {
        kv.handle("n0", req({{"type", "write"}, {"key", "k"}, {"value", v}}));
    }
    kv.handle("n1", req({{"type", "write"}, {"key", "scratch"}, {"value", "n1-1"}}));
    for (int i = 0; i < 20; ++i) {
        EXPECT_EQ(kv.handle("n1", req({{"type", "read"}, {"key", "k"}}))->at("value"), 10);
    }
}

TEST(SeqKv, CasCanFailOnAStaleState) {
    bool failed_stale = false;
    for (std::uint64_t seed = 0; seed < 20 && !failed_stale; ++seed) {
        sim::Rng rng(seed);
        sim::SeqKv kv(rng);
        kv.handle("n0", req({{"type", "write"}, {"key", "k"}, {"value", 1}}));
        auto reply = kv.handle("n1", req({{"type", "cas"}, {"key", "k"}, {"from", 1}, {"to", 2}}));
        failed_stale = reply->at("type") == "error";
    }
    EXPECT_TRUE(failed_stale);
}

TEST(LwwKv, IgnoresCreateIfNotExists) {
    sim::Rng rng(3);
    sim::LwwKv kv(rng);
    auto reply = kv.handle("n0", req({{"type", "cas"},
                                      {"key", "k"},
                                      {"from", 0},
                                      {"to", 1},
                                      {"create_if_not_exists", true}}));
    EXPECT_EQ(code_of(*reply), 20);
}

TEST(LwwKv, ReplicasNeverConverge) {
    sim::Rng rng(4);
    sim::LwwKv kv(rng);
    kv.handle("n0", req({{"type", "write"}, {"key", "k"}, {"value", 1}}));
    int missing = 0;
    int found = 0;
    for (int i = 0; i < 100; ++i) {
        auto reply = kv.handle("n0", req({{"type", "read"}, {"key", "k"}}));
        (reply->at("type") == "read_ok" ? found : missing) += 1;
    }
    EXPECT_GT(missing, 0);
    EXPECT_GT(found, 0);
}

TEST(LinTso, CountsUpFromZero) {
    sim::LinTso tso;
    EXPECT_EQ(tso.handle("n0", req({{"type", "ts"}}))->at("ts"), 0);
    EXPECT_EQ(tso.handle("n1", req({{"type", "ts"}}))->at("ts"), 1);
    EXPECT_FALSE(tso.handle("n1", req({{"type", "read"}})).has_value());
}

}  // namespace
