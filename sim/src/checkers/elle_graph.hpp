#pragma once
// A dependency graph between transactions, its strongly connected components
// and the names of the cycles in it that Adya's anomalies are made of (G0,
// G1c, G-single, G2 ... and their -process / -realtime variants), in the
// spirit of Elle.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
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
    // Any cycle of a component whose search was cut off, reported whatever
    // its kind (Elle's fallback cycle) so that the component shows something.
    bool fallback = false;
};

// Elle's name for a cycle, from the kinds of edges it is made of.
std::string classify_cycle(const std::vector<CycleStep>& steps);

}  // namespace sim::elle
