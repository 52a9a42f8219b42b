#include "network/nemesis.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace sim {
namespace {

std::vector<std::string> shuffled(std::vector<std::string> nodes, Rng& rng) {
    std::shuffle(nodes.begin(), nodes.end(), rng);
    return nodes;
}

// Both halves stop hearing each other.
Partitions complete_cut(const std::vector<std::string>& nodes, std::size_t first_count) {
    Partitions grudge;
    if (first_count == 0 || first_count >= nodes.size()) {
        return grudge;
    }
    const std::vector<std::string> a(nodes.begin(), nodes.begin() + static_cast<long>(first_count));
    const std::vector<std::string> b(nodes.begin() + static_cast<long>(first_count), nodes.end());
    for (const auto& x : a) {
        grudge[x].insert(b.begin(), b.end());
    }
    for (const auto& y : b) {
        grudge[y].insert(a.begin(), a.end());
    }
    return grudge;
}

Partitions majorities_ring_small(const std::vector<std::string>& nodes, Rng& rng) {
    const auto ring = shuffled(nodes, rng);
    const std::size_t n = ring.size();
    const std::size_t m = n / 2 + 1;
    Partitions grudge;
    for (std::size_t start = 0; start < n; ++start) {
        std::set<std::string> window;
        for (std::size_t k = 0; k < m; ++k) {
            window.insert(ring[(start + k) % n]);
        }
        const std::string& centre = ring[(start + m / 2) % n];
        for (const auto& other : nodes) {
            if (window.count(other) == 0) {
                grudge[centre].insert(other);
            }
        }
    }
    return grudge;
}

// Links least-connected pairs until everyone hears a majority (itself included).
Partitions majorities_ring_large(const std::vector<std::string>& nodes, Rng& rng) {
    const std::size_t n = nodes.size();
    const std::size_t m = n / 2 + 1;
    std::vector<std::set<std::size_t>> links(n);
    for (std::size_t i = 0; i < n; ++i) {
        links[i].insert(i);
    }
    for (;;) {
        std::vector<std::size_t> order(n);
        for (std::size_t i = 0; i < n; ++i) {
            order[i] = i;
        }
        std::shuffle(order.begin(), order.end(), rng);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
            return links[x].size() < links[y].size();
        });
        const std::size_t a = order.front();
        if (links[a].size() >= m) {
            break;
        }
        std::size_t best = n;
        for (const std::size_t candidate : order) {
            if (links[a].count(candidate) == 0) {
                best = candidate;
                break;
            }
        }
        if (best == n) {
            break;
        }
        links[a].insert(best);
        links[best].insert(a);
    }
    Partitions grudge;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            if (links[i].count(j) == 0) {
                grudge[nodes[i]].insert(nodes[j]);
            }
        }
    }
    return grudge;
}

}  // namespace

std::string to_string(GrudgeKind kind) {
    switch (kind) {
        case GrudgeKind::one:
            return "one";
        case GrudgeKind::minority_third:
            return "minority-third";
        case GrudgeKind::majority:
            return "majority";
        case GrudgeKind::majorities_ring:
            return "majorities-ring";
    }
    return "one";
}

GrudgeKind random_grudge_kind(Rng& rng) {
    return static_cast<GrudgeKind>(uniform_int(rng, 0, 3));
}

Partitions make_grudge(GrudgeKind kind, const std::vector<std::string>& nodes, Rng& rng) {
    const std::size_t n = nodes.size();
    if (n <= 1) {
        return {};
    }
    switch (kind) {
        case GrudgeKind::one: {
            const auto isolated = nodes[static_cast<std::size_t>(
                uniform_int(rng, 0, static_cast<std::int64_t>(n) - 1))];
            std::vector<std::string> order{isolated};
            for (const auto& node : nodes) {
                if (node != isolated) {
                    order.push_back(node);
                }
            }
            return complete_cut(order, 1);
        }
        case GrudgeKind::minority_third:
            return complete_cut(shuffled(nodes, rng), (n - 1) / 3);
        case GrudgeKind::majority:
            return complete_cut(shuffled(nodes, rng), n / 2);
        case GrudgeKind::majorities_ring:
            return n <= 5 ? majorities_ring_small(nodes, rng) : majorities_ring_large(nodes, rng);
    }
    return {};
}

boost::json::object grudge_to_json(const Partitions& grudge) {
    boost::json::object out;
    for (const auto& [receiver, senders] : grudge) {
        boost::json::array list;
        for (const auto& sender : senders) {
            list.emplace_back(sender);
        }
        out[receiver] = std::move(list);
    }
    return out;
}

NemesisSchedule::NemesisSchedule(RunRngs& rngs, std::vector<std::string> nodes, double interval_s)
    : rng_(rngs.nemesis()), nodes_(std::move(nodes)), interval_s_(interval_s) {}

NemesisOp NemesisSchedule::next() {
    NemesisOp op;
    op.start = start_next_;
    start_next_ = !start_next_;
    if (op.start) {
        op.kind = random_grudge_kind(rng_);
        op.grudge = make_grudge(op.kind, nodes_, rng_);
    }
    op.gap_ns = static_cast<std::int64_t>(uniform_unit(rng_) * 2.0 * interval_s_ * 1e9);
    return op;
}

}  // namespace sim
