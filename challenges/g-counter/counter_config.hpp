#pragma once
// Timing of the g-counter node, read from the environment:
// GCOUNTER_SYNC_MS (seq-kv round period) and GCOUNTER_GOSSIP_MS (direct
// gossip period; 0 turns gossip off so that seq-kv alone carries the state).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace g_counter {

struct Config {
    std::chrono::milliseconds sync_interval{500};
    std::chrono::milliseconds gossip_interval{500};
};

template <class Lookup>
Config config_from(Lookup lookup, std::string& problems) {
    Config config;
    auto read = [&](const char* name, std::chrono::milliseconds& target, bool zero_allowed) {
        const char* raw = lookup(name);
        if (raw == nullptr) {
            return;
        }
        const std::string_view text(raw);
        std::int64_t value = 0;
        bool valid = !text.empty() && text.size() <= 9;
        for (char c : text) {
            valid = valid && c >= '0' && c <= '9';
            value = value * 10 + (c - '0');
        }
        if (valid && (value > 0 || zero_allowed)) {
            target = std::chrono::milliseconds(value);
        } else {
            problems += std::string(name) + "='" + raw + "' is not a valid period; ";
        }
    };
    read("GCOUNTER_SYNC_MS", config.sync_interval, false);
    read("GCOUNTER_GOSSIP_MS", config.gossip_interval, true);
    return config;
}

}  // namespace g_counter
