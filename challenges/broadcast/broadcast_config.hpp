#pragma once
// Tuning of the broadcast node: how values travel (relay shape) and how long
// they may wait to be batched. Read from the environment so that one binary
// can be measured at several points of the messages/latency trade-off.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace broadcast {

enum class Shape {
    // The origin sends each value at once to a hub, which batches values to
    // every other node.
    hub,
    // The origin batches its own values straight to every other node.
    direct,
};

struct Config {
    Shape shape = Shape::hub;
    // Batching interval of every node's outgoing gossip; 0 sends at once.
    std::chrono::milliseconds interval{80};
    // How many of the first nodes (in node_ids order) serve as hubs, tried in
    // order when one stops acknowledging; after them the origin sends direct.
    // By default every node is a candidate, so that each side of a partition
    // settles on one hub of its own instead of every origin sending direct.
    std::size_t hub_count = std::numeric_limits<std::size_t>::max();
    // Batching interval of nodes other than the first hub. They relay only
    // while the first hub is unreachable, and several of them may be active at
    // once then; a longer interval keeps that repair traffic small.
    std::chrono::milliseconds fallback_interval{400};
    // A receiver that has nothing to send back acknowledges after this long,
    // so that acknowledgements normally ride on traffic that flows anyway.
    std::chrono::milliseconds ack_delay{1000};
    // Extra wait, beyond the expected acknowledgement time, before a value is
    // sent again (covers network latency).
    std::chrono::milliseconds retransmit_margin{1000};
};

namespace detail {

inline std::optional<std::int64_t> parse_non_negative(std::string_view text) {
    if (text.empty() || text.size() > 9) {
        return std::nullopt;
    }
    std::int64_t result = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        result = result * 10 + (c - '0');
    }
    return result;
}

}  // namespace detail

// Reads BROADCAST_SHAPE (hub|direct), BROADCAST_INTERVAL_MS, BROADCAST_HUBS,
// BROADCAST_FALLBACK_INTERVAL_MS, BROADCAST_ACK_DELAY_MS and BROADCAST_RETRANSMIT_MARGIN_MS through
// `lookup` (std::getenv in the node). Invalid settings keep their default and are reported in
// `problems`.
template <class Lookup>
Config config_from(Lookup lookup, std::string& problems) {
    Config config;
    auto number = [&](const char* name, auto apply) {
        const char* raw = lookup(name);
        if (raw == nullptr) {
            return;
        }
        if (auto value = detail::parse_non_negative(raw)) {
            apply(*value);
        } else {
            problems += std::string(name) + "='" + raw + "' is not a non-negative integer; ";
        }
    };
    if (const char* shape = lookup("BROADCAST_SHAPE")) {
        if (std::string_view(shape) == "hub") {
            config.shape = Shape::hub;
        } else if (std::string_view(shape) == "direct") {
            config.shape = Shape::direct;
        } else {
            problems += std::string("BROADCAST_SHAPE='") + shape + "' is neither hub nor direct; ";
        }
    }
    number("BROADCAST_INTERVAL_MS",
           [&](std::int64_t v) { config.interval = std::chrono::milliseconds(v); });
    number("BROADCAST_HUBS", [&](std::int64_t v) {
        if (v >= 1) {
            config.hub_count = static_cast<std::size_t>(v);
        } else {
            problems += "BROADCAST_HUBS must be at least 1; ";
        }
    });
    number("BROADCAST_FALLBACK_INTERVAL_MS",
           [&](std::int64_t v) { config.fallback_interval = std::chrono::milliseconds(v); });
    number("BROADCAST_ACK_DELAY_MS",
           [&](std::int64_t v) { config.ack_delay = std::chrono::milliseconds(v); });
    number("BROADCAST_RETRANSMIT_MARGIN_MS",
           [&](std::int64_t v) { config.retransmit_margin = std::chrono::milliseconds(v); });
    return config;
}

inline Config config_from_environment(std::string& problems) {
    return config_from([](const char* name) { return std::getenv(name); }, problems);
}

}  // namespace broadcast
