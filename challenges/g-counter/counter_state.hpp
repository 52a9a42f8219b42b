#pragma once
// A grow-only counter as a map node -> that node's total. Only the owner adds
// to its own entry; every other entry is learned (from seq-kv or from gossip)
// and merged by maximum, so stale or repeated information never lowers it.
#include <algorithm>
#include <boost/describe.hpp>
#include <cstdint>
#include <limits>
#include <map>
#include <string>

namespace g_counter {

// The gossip message: {"type": "totals", "totals": {"n0": 12, ...}}.
struct TotalsBody {
    std::string type = "totals";
    std::map<std::string, std::int64_t> totals;
};
BOOST_DESCRIBE_STRUCT(TotalsBody, (), (type, totals))

class CounterState {
  public:
    explicit CounterState(std::string self) : self_(std::move(self)) { totals_[self_] = 0; }

    // Returns false (and changes nothing) for a negative delta or one that
    // would overflow, since the counter only grows.
    bool add(std::int64_t delta) {
        std::int64_t& own = totals_[self_];
        if (delta < 0 || own > std::numeric_limits<std::int64_t>::max() - delta) {
            return false;
        }
        own += delta;
        return true;
    }

    // Our own entry is authoritative in memory and never taken from outside.
    // Returns true when the entry grew.
    bool merge(const std::string& node, std::int64_t total) {
        if (node == self_) {
            return false;
        }
        std::int64_t& known = totals_[node];
        if (total <= known) {
            return false;
        }
        known = total;
        return true;
    }

    void merge(const std::map<std::string, std::int64_t>& totals) {
        for (const auto& [node, total] : totals) {
            merge(node, total);
        }
    }

    std::int64_t own() const { return totals_.at(self_); }

    std::int64_t value() const {
        std::int64_t sum = 0;
        for (const auto& [node, total] : totals_) {
            sum = total > std::numeric_limits<std::int64_t>::max() - sum
                      ? std::numeric_limits<std::int64_t>::max()
                      : sum + total;
        }
        return sum;
    }

    const std::map<std::string, std::int64_t>& totals() const noexcept { return totals_; }

  private:
    std::string self_;
    std::map<std::string, std::int64_t> totals_;
};

}  // namespace g_counter
