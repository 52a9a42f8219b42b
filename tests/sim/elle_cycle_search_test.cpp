// The cycle search's bound: a component whose search is cut off gets a
// cycle-search-timeout and a fallback cycle, as in Elle.
#include "checkers/elle_cycle_search.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace sim::elle {
namespace {

// n transactions, each reading what the previous one overwrites: i+1 -rw-> i
// around the ring. The only cycle kind is G2-item, and every G-single-item
// attempt (one per rw edge) fails.
TxnGraph rw_ring(std::size_t n) {
    TxnGraph graph(n);
    for (std::size_t i = 0; i < n; ++i) {
        graph.link((i + 1) % n, i, rw);
    }
    return graph;
}

std::vector<std::string> kinds(const CycleSearch& search) {
    std::vector<std::string> out;
    for (const auto& cycle : search.cycles) {
        out.push_back(cycle.anomaly + (cycle.fallback ? " (fallback)" : ""));
    }
    return out;
}

TEST(ElleCycleSearch, CutOffSearchReportsTimeoutAndFallbackCycle) {
    const auto graph = rw_ring(12);
    const auto search = find_anomalous_cycles(graph, 4);
    ASSERT_EQ(search.timeouts.size(), 1u);
    const auto& timeout = search.timeouts[0];
    EXPECT_EQ(timeout.anomaly_spec_type, "G-single-item");
    EXPECT_TRUE(timeout.does_not_contain.empty());
    EXPECT_EQ(timeout.scc_size, 12u);
    // The search stops at the cut-off kind; the fallback walks the whole ring.
    ASSERT_EQ(kinds(search), std::vector<std::string>{"G2-item (fallback)"});
    const auto& steps = search.cycles[0].steps;
    ASSERT_EQ(steps.size(), 12u);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        EXPECT_EQ(steps[i].edge->to, steps[(i + 1) % steps.size()].from);
    }
}

TEST(ElleCycleSearch, BoundReachedWithNothingLeftToTryIsNoTimeout) {
    const auto graph = rw_ring(12);
    const auto search = find_anomalous_cycles(graph, 12);
    EXPECT_TRUE(search.timeouts.empty());
    EXPECT_EQ(kinds(search), std::vector<std::string>{"G2-item"});
}

TEST(ElleCycleSearch, ReportsOneTimeoutPerComponentWithTheKindsSearchedBefore) {
    // Two rw rings of three, joined by process edges into one component of
    // six. Each ring alone is searched in full for G-single-item (three
    // attempts) and holds a G2-item; the joined component has six rw edges
    // that cannot close a G-single-item-process cycle.
    TxnGraph graph(6);
    for (std::size_t base : {0u, 3u}) {
        for (std::size_t i = 0; i < 3; ++i) {
            graph.link(base + (i + 1) % 3, base + i, rw);
        }
    }
    graph.link(0, 3, process);
    graph.link(4, 1, process);
    const auto search = find_anomalous_cycles(graph, 4);
    ASSERT_EQ(search.timeouts.size(), 1u);
    const auto& timeout = search.timeouts[0];
    EXPECT_EQ(timeout.anomaly_spec_type, "G-single-item-process");
    EXPECT_EQ(timeout.does_not_contain, std::vector<std::string>{"G-single-item"});
    EXPECT_EQ(timeout.scc_size, 6u);
    const auto found = kinds(search);
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0], "G2-item");
    EXPECT_EQ(found[1], "G2-item");
    EXPECT_TRUE(search.cycles[2].fallback);
    // All three lie in the one component of the whole graph.
    EXPECT_EQ(search.cycle_components, (std::vector<std::size_t>(3, search.cycle_components[0])));

    // With room for every attempt the search runs to the end.
    const auto full = find_anomalous_cycles(graph, 64);
    EXPECT_TRUE(full.timeouts.empty());
    for (const auto& cycle : full.cycles) {
        EXPECT_FALSE(cycle.fallback);
    }
}

TEST(ElleCycleSearch, EachCycleNamesItsComponentOfTheWholeGraph) {
    // Two separate rw rings: one G2-item each, in different components.
    TxnGraph graph(6);
    for (std::size_t base : {0u, 3u}) {
        for (std::size_t i = 0; i < 3; ++i) {
            graph.link(base + (i + 1) % 3, base + i, rw);
        }
    }
    const auto search = find_anomalous_cycles(graph);
    ASSERT_EQ(search.cycles.size(), 2u);
    ASSERT_EQ(search.cycle_components.size(), 2u);
    EXPECT_NE(search.cycle_components[0], search.cycle_components[1]);
}

TEST(ElleCycleSearch, KindImpliedByAFoundCycleIsNoTimeout) {
    // A ww ring with wr edges back: G0 and G1c close at once. No process
    // edge, so every G1c-process attempt fails, but Elle never searches for
    // G1c-process once it has a G0.
    TxnGraph graph(6);
    for (std::size_t i = 0; i < 6; ++i) {
        graph.link(i, (i + 1) % 6, ww);
        graph.link((i + 1) % 6, i, wr);
    }
    const auto search = find_anomalous_cycles(graph, 2);
    EXPECT_TRUE(search.timeouts.empty());
    EXPECT_EQ(kinds(search), (std::vector<std::string>{"G0", "G1c"}));
}

}  // namespace
}  // namespace sim::elle
