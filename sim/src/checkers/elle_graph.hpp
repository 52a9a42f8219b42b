#pragma once
// A dependency graph between transactions and the search for the cycles in it
// that Adya's anomalies are made of (G0, G1c, G-single, G2 ... and their
// -process / -realtime variants), in the spirit of Elle.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sim::elle {

enum EdgeType : std::uint8_t {
    ww = 1,        // write-write: a later version of a key
    wr = 2,        // write-read: read what the other wrote
    rw = 4,        // read-write: read a version the other overwrote
    process = 8,   // same process, later operation
    realtime = 16  // completed before the other was invoked
};
using EdgeMask = std::uint8_t;

std::string edge_type_name(EdgeType type);

struct Edge {
    std::size_t to = 0;
    EdgeType type = ww;
    // Why the edge exists (key and versions), shown in anomaly reports.
    boost::json::value why;
};

class TxnGraph {
  public:
    explicit TxnGraph(std::size_t node_count) : out_(node_count) {}
    void link(std::size_t from, std::size_t to, EdgeType type, boost::json::value why = nullptr) {
        if (from != to) {
            out_[from].push_back(Edge{to, type, std::move(why)});
        }
    }
    std::size_t size() const { return out_.size(); }
    const std::vector<Edge>& out(std::size_t node) const { return out_[node]; }

  private:
    std::vector<std::vector<Edge>> out_;
};

// Strongly connected components with at least two nodes, using only edges
// whose type is in `mask` (Tarjan's algorithm, iterative).
std::vector<std::vector<std::size_t>> cyclic_components(const TxnGraph& graph, EdgeMask mask);

struct CycleStep {
    std::size_t from = 0;
    const Edge* edge = nullptr;
};

struct Cycle {
    std::string anomaly;  // e.g. "G1c", "G-single-item-realtime"
    std::vector<CycleStep> steps;
};

// Elle's name for a cycle, from the kinds of edges it is made of.
std::string classify_cycle(const std::vector<CycleStep>& steps);

// Finds at most one cycle per strongly connected component for each kind of
// anomaly, weakest kinds first; `max_attempts` bounds the work per component.
std::vector<Cycle> find_anomalous_cycles(const TxnGraph& graph, std::size_t max_attempts = 64);

}  // namespace sim::elle
