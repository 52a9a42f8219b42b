#include "checkers/elle_graph.hpp"

#include <gtest/gtest.h>

#include "checkers/elle_cycle_search.hpp"

namespace sim::elle {
namespace {

TEST(ElleGraph, FindsComponentsOnLongChainsWithoutRecursion) {
    constexpr std::size_t n = 200'000;
    TxnGraph graph(n);
    for (std::size_t i = 0; i + 1 < n; ++i) {
        graph.link(i, i + 1, ww);
    }
    EXPECT_TRUE(cyclic_components(graph, ww).empty());
    graph.link(n - 1, 0, wr);
    EXPECT_TRUE(cyclic_components(graph, ww).empty());
    const auto components = cyclic_components(graph, ww | wr);
    ASSERT_EQ(components.size(), 1u);
    EXPECT_EQ(components[0].size(), n);
}

TEST(ElleGraph, NamesCyclesByTheirEdges) {
    const Edge e_ww{0, ww, nullptr};
    const Edge e_wr{0, wr, nullptr};
    const Edge e_rw{0, rw, nullptr};
    const Edge e_process{0, process, nullptr};
    const Edge e_realtime{0, realtime, nullptr};
    auto name = [](std::vector<const Edge*> edges) {
        std::vector<CycleStep> steps;
        for (const auto* e : edges) {
            steps.push_back(CycleStep{0, e});
        }
        return classify_cycle(steps);
    };
    EXPECT_EQ(name({&e_ww, &e_ww}), "G0");
    EXPECT_EQ(name({&e_ww, &e_wr}), "G1c");
    EXPECT_EQ(name({&e_wr, &e_rw}), "G-single-item");
    EXPECT_EQ(name({&e_rw, &e_rw}), "G2-item");
    EXPECT_EQ(name({&e_rw, &e_wr, &e_rw, &e_wr}), "G-nonadjacent-item");
    EXPECT_EQ(name({&e_ww, &e_process}), "G0-process");
    EXPECT_EQ(name({&e_rw, &e_process, &e_realtime}), "G-single-item-realtime");
}

TEST(ElleGraph, ReportsWeakestCycleOfEachComponent) {
    // 0 -wr-> 1 -wr-> 0 is G1c; 2 -rw-> 3 -realtime-> 2 is G-single-item-realtime.
    TxnGraph graph(4);
    graph.link(0, 1, wr);
    graph.link(1, 0, wr);
    graph.link(2, 3, rw);
    graph.link(3, 2, realtime);
    std::vector<std::string> names;
    for (const auto& cycle : find_anomalous_cycles(graph).cycles) {
        names.push_back(cycle.anomaly);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"G1c", "G-single-item-realtime"}));
}

}  // namespace
}  // namespace sim::elle
