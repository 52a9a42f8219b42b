#pragma once
// The search of a transaction graph for a cycle of each kind of anomaly, per
// strongly connected component and weakest kinds first, with bounded work,
// and what is reported where that bound cuts a search off (Elle's
// cycle-search-timeout).
#include <cstddef>
#include <string>
#include <vector>

#include "checkers/elle_graph.hpp"

namespace sim::elle {

// A component of the whole graph whose search gave up before it could tell
// whether a cycle of `anomaly_spec_type` is in it.
struct CycleSearchTimeout {
    std::string anomaly_spec_type;              // e.g. "G-single-item-realtime"
    std::vector<std::string> does_not_contain;  // kinds searched for in full before, not found
    std::size_t scc_size = 0;                   // transactions in the component
};

struct CycleSearch {
    std::vector<Cycle> cycles;
    // Of each cycle, the strongly connected component of the whole graph it
    // lies in (an index shared by the cycles of one component).
    std::vector<std::size_t> cycle_components;
    std::vector<CycleSearchTimeout> timeouts;  // at most one per component
};

// Finds at most one cycle per strongly connected component (of the edges a
// kind may use) for each kind of anomaly, weakest kinds first; at most
// `max_attempts` start edges are tried per such component. When the bound
// cuts off the search for a kind in a component of the whole graph, and that
// kind is neither found there nor implied by a cycle found there before, the
// component gets a timeout and one fallback cycle, and the kinds after that
// one are not reported for it.
CycleSearch find_anomalous_cycles(const TxnGraph& graph, std::size_t max_attempts = 64);

}  // namespace sim::elle
