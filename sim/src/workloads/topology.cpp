#include "workloads/topology.hpp"

#include <cmath>

namespace sim {
namespace {

boost::json::object grid(const std::vector<std::string>& nodes) {
    const auto n = static_cast<long>(nodes.size());
    const auto side = static_cast<long>(std::ceil(std::sqrt(static_cast<double>(n))));
    auto at = [&](long i, long j) -> const std::string* {
        if (i < 0 || j < 0 || j >= side) {
            return nullptr;
        }
        const long k = i * side + j;
        return k < n ? &nodes[static_cast<std::size_t>(k)] : nullptr;
    };
    boost::json::object out;
    for (long k = 0; k < n; ++k) {
        const long i = k / side;
        const long j = k % side;
        boost::json::array neighbours;
        for (const auto* other : {at(i + 1, j), at(i - 1, j), at(i, j + 1), at(i, j - 1)}) {
            if (other != nullptr) {
                neighbours.emplace_back(*other);
            }
        }
        out[nodes[static_cast<std::size_t>(k)]] = std::move(neighbours);
    }
    return out;
}

boost::json::object line(const std::vector<std::string>& nodes) {
    boost::json::object out;
    const std::size_t n = nodes.size();
    if (n < 2) {
        return out;
    }
    for (std::size_t k = 0; k < n; ++k) {
        boost::json::array neighbours;
        if (k > 0) {
            neighbours.emplace_back(nodes[k - 1]);
        }
        if (k + 1 < n) {
            neighbours.emplace_back(nodes[k + 1]);
        }
        out[nodes[k]] = std::move(neighbours);
    }
    return out;
}

boost::json::object total(const std::vector<std::string>& nodes) {
    boost::json::object out;
    for (const auto& node : nodes) {
        boost::json::array neighbours;
        for (const auto& other : nodes) {
            if (other != node) {
                neighbours.emplace_back(other);
            }
        }
        out[node] = std::move(neighbours);
    }
    return out;
}

boost::json::object tree(const std::vector<std::string>& nodes, std::size_t b) {
    boost::json::object out;
    const std::size_t n = nodes.size();
    for (std::size_t i = 0; i < n; ++i) {
        boost::json::array neighbours;
        if (i > 0) {
            neighbours.emplace_back(nodes[(i - 1) / b]);
        }
        for (std::size_t c = b * i + 1; c <= b * i + b && c < n; ++c) {
            neighbours.emplace_back(nodes[c]);
        }
        out[nodes[i]] = std::move(neighbours);
    }
    return out;
}

}  // namespace

std::optional<boost::json::object> make_topology(const std::string& kind,
                                                 const std::vector<std::string>& nodes) {
    if (kind == "grid") {
        return grid(nodes);
    }
    if (kind == "line") {
        return line(nodes);
    }
    if (kind == "total") {
        return total(nodes);
    }
    if (kind == "tree" || kind == "tree2") {
        return tree(nodes, 2);
    }
    if (kind == "tree3") {
        return tree(nodes, 3);
    }
    if (kind == "tree4") {
        return tree(nodes, 4);
    }
    return std::nullopt;
}

}  // namespace sim
