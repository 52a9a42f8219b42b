#include <gtest/gtest.h>

#include "run/options.hpp"
#include "workloads/topology.hpp"

namespace {

std::vector<std::string> nodes(int n) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) {
        out.push_back("n" + std::to_string(i));
    }
    return out;
}

boost::json::value parse(const char* text) {
    return boost::json::parse(text);
}

TEST(Topology, GridOfFive) {
    EXPECT_EQ(
        boost::json::value(*sim::make_topology("grid", nodes(5))),
        parse(
            R"({"n0":["n3","n1"],"n1":["n4","n2","n0"],"n2":["n1"],"n3":["n0","n4"],"n4":["n1","n3"]})"));
}

TEST(Topology, Tree2OfFive) {
    EXPECT_EQ(
        boost::json::value(*sim::make_topology("tree2", nodes(5))),
        parse(R"({"n0":["n1","n2"],"n1":["n0","n3","n4"],"n2":["n0"],"n3":["n1"],"n4":["n1"]})"));
}

TEST(Topology, LineAndTreeOfOne) {
    EXPECT_TRUE(sim::make_topology("line", nodes(1))->empty());
    EXPECT_EQ(boost::json::value(*sim::make_topology("tree", nodes(1))), parse(R"({"n0":[]})"));
}

TEST(Topology, Tree4OfTwentyFive) {
    const auto t = *sim::make_topology("tree4", nodes(25));
    EXPECT_EQ(t.at("n0"), parse(R"(["n1","n2","n3","n4"])"));
    EXPECT_EQ(t.at("n5"), parse(R"(["n1","n21","n22","n23","n24"])"));
}

TEST(Topology, TotalAndUnknown) {
    EXPECT_EQ(sim::make_topology("total", nodes(3))->at("n1"), parse(R"(["n0","n2"])"));
    EXPECT_FALSE(sim::make_topology("star", nodes(3)).has_value());
}

TEST(Options, MaelstromDefaults) {
    auto parsed = sim::parse_options({"test", "-w", "echo", "--bin", "./node"});
    const auto& o = std::get<sim::Options>(parsed);
    EXPECT_EQ(o.nodes, (std::vector<std::string>{"n1", "n2", "n3", "n4", "n5"}));
    EXPECT_EQ(o.time_limit_s, 60);
    EXPECT_EQ(o.rate, 5.0);
    EXPECT_EQ(o.concurrency, 5);
    EXPECT_EQ(o.latency_ms, 0);
    EXPECT_EQ(o.topology, "grid");
    EXPECT_EQ(o.recovery_time_s, 10.0);
}

TEST(Options, ConcurrencyPerNodeAndPositionalArgs) {
    auto parsed = sim::parse_options({"test", "-w", "kafka", "--bin", "./node", "--node-count", "2",
                                      "--concurrency", "2n", "extra"});
    const auto& o = std::get<sim::Options>(parsed);
    EXPECT_EQ(o.concurrency, 4);
    EXPECT_EQ(o.nodes, (std::vector<std::string>{"n0", "n1"}));
    EXPECT_EQ(o.node_args, (std::vector<std::string>{"extra"}));
}

TEST(Options, RejectsWhatItDoesNotSupport) {
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"test", "-w", "echo"},
                                               {"test", "--bin", "x", "--nemesis", "kill"},
                                               {"test", "--bin", "x", "--latency-dist", "normal"},
                                               {"test", "--bin", "x", "--topology", "star"},
                                               {"test", "--bin", "x", "--frobnicate"},
                                               {"test", "--bin", "x", "--concurrency", "two"},
                                               {"test", "--bin", "x", "--leave-db-running"},
                                               {"serve"}}) {
        EXPECT_TRUE(std::holds_alternative<sim::ParseError>(sim::parse_options(args)));
    }
}

TEST(Options, ConsistencyModelsSplitLikeMaelstrom) {
    auto a = std::get<sim::Options>(sim::parse_options(
        {"test", "--bin", "x", "--consistency-models", "read-committed , serializable"}));
    EXPECT_EQ(a.consistency_models.size(), 2u);
    auto b = std::get<sim::Options>(
        sim::parse_options({"test", "--bin", "x", "--consistency-models", "a,b"}));
    EXPECT_EQ(b.consistency_models.size(), 1u);
}

}  // namespace
