#pragma once
// The distinct values a broadcast node has seen: what a read returns. The workload
// broadcasts the integers 0, 1, 2, ..., so integers are kept as runs of consecutive
// numbers; once the values in flight have arrived the whole set is a few runs, however
// long the node has been running. Any other value (the workload sends none, but a client
// may) is kept as it came.
#include <boost/icl/interval_set.hpp>
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>

#include "distinct_values.hpp"

namespace broadcast {

class ValueSet {
  public:
    // Returns true when the value is new.
    bool insert(const json::value& value) {
        if (const auto integer = DistinctValues::as_int64(value)) {
            if (boost::icl::contains(integers_, *integer)) {
                return false;
            }
            integers_.add(*integer);
            ++integer_count_;
            return true;
        }
        return others_.insert(value).second;
    }

    std::size_t size() const noexcept { return integer_count_ + others_.all().size(); }
    // How many runs of consecutive integers hold the integers.
    std::size_t runs() const noexcept { return integers_.iterative_size(); }

    // Integers in ascending order, then the other values in the order first seen.
    json::array to_array() const {
        json::array all;
        all.reserve(size());
        for (const auto& run : integers_) {
            const std::int64_t last = boost::icl::last(run);
            for (std::int64_t value = boost::icl::first(run);; ++value) {
                all.emplace_back(value);
                if (value == last) {
                    break;
                }
            }
        }
        for (const json::value& value : others_.all()) {
            all.push_back(value);
        }
        return all;
    }

  private:
    boost::icl::interval_set<std::int64_t> integers_;
    std::size_t integer_count_ = 0;
    DistinctValues others_;
};

}  // namespace broadcast
