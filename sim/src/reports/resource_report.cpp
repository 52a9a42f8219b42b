#include "reports/resource_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <string>

namespace sim {
namespace {

void write_field(std::ostream& out, const std::optional<std::int64_t>& value) {
    out << ',';
    if (value) {
        out << *value;
    }
}

// First, last and largest known value of one figure of one node.
struct Track {
    std::optional<std::int64_t> first;
    std::optional<std::int64_t> last;
    std::optional<std::int64_t> max;

    void add(const std::optional<std::int64_t>& value) {
        if (!value) {
            return;
        }
        if (!first) {
            first = value;
        }
        last = value;
        max = std::max(max.value_or(*value), *value);
    }
};

struct NodeTracks {
    Track rss;
    Track fds;
    Track pending;
};

// {:min :median :max} over the nodes that have the value, or nil.
boost::json::value spread(const std::map<std::string, NodeTracks>& nodes,
                          std::optional<std::int64_t> Track::*which, Track NodeTracks::*figure) {
    std::vector<std::int64_t> values;
    for (const auto& [node, tracks] : nodes) {
        if (const auto& value = (tracks.*figure).*which) {
            values.push_back(*value);
        }
    }
    if (values.empty()) {
        return nullptr;
    }
    std::sort(values.begin(), values.end());
    return boost::json::object{
        {"min", values.front()}, {"median", values[values.size() / 2]}, {"max", values.back()}};
}

// The largest value of a figure over every node, and the node it came from.
void largest(const std::map<std::string, NodeTracks>& nodes, Track NodeTracks::*figure,
             boost::json::object& out) {
    std::optional<std::int64_t> best;
    std::string where;
    for (const auto& [node, tracks] : nodes) {
        const auto& value = (tracks.*figure).max;
        if (value && (!best || *value > *best)) {
            best = value;
            where = node;
        }
    }
    if (best) {
        out["max"] = *best;
        out["max-node"] = where;
    }
}

boost::json::value figure_summary(const std::map<std::string, NodeTracks>& nodes,
                                  Track NodeTracks::*figure) {
    auto first = spread(nodes, &Track::first, figure);
    if (first.is_null()) {
        return nullptr;
    }
    boost::json::object out{{"first", std::move(first)},
                            {"last", spread(nodes, &Track::last, figure)}};
    largest(nodes, figure, out);
    return out;
}

}  // namespace

void write_resources_csv_header(std::ostream& out) {
    out << "time_s,node,rss_kib,fds,pending_rpcs\n";
}

void write_resources_csv_row(std::ostream& out, const ResourceSample& sample) {
    char time[32];
    std::snprintf(time, sizeof time, "%.3f", sample.time_s);
    out << time << ',' << sample.node;
    write_field(out, sample.rss_kib);
    write_field(out, sample.fds);
    write_field(out, sample.pending_rpcs);
    out << '\n';
}

void write_resources_csv(std::ostream& out, const std::vector<ResourceSample>& samples) {
    write_resources_csv_header(out);
    for (const auto& sample : samples) {
        write_resources_csv_row(out, sample);
    }
}

boost::json::object resources_summary(const std::vector<ResourceSample>& samples) {
    std::map<std::string, NodeTracks> nodes;
    double last_time = 0;
    for (const auto& sample : samples) {
        auto& tracks = nodes[sample.node];
        tracks.rss.add(sample.rss_kib);
        tracks.fds.add(sample.fds);
        tracks.pending.add(sample.pending_rpcs);
        last_time = std::max(last_time, sample.time_s);
    }
    return boost::json::object{{"nodes", static_cast<std::int64_t>(nodes.size())},
                               {"samples", static_cast<std::int64_t>(samples.size())},
                               {"last-sample-s", last_time},
                               {"rss-kib", figure_summary(nodes, &NodeTracks::rss)},
                               {"fds", figure_summary(nodes, &NodeTracks::fds)},
                               {"pending-rpcs", figure_summary(nodes, &NodeTracks::pending)}};
}

}  // namespace sim
