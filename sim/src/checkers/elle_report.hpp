#pragma once
// Collects anomalies by type: every one is counted, a bounded sample is kept
// as examples, so that huge broken histories still give short reports.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace sim::elle {

class AnomalyLog {
  public:
    struct Entry {
        std::int64_t count = 0;
        boost::json::array examples;
    };

    void add(const std::string& type, boost::json::value example, std::size_t sample_limit = 8) {
        auto& entry = entries_[type];
        ++entry.count;
        if (entry.examples.size() < sample_limit) {
            entry.examples.push_back(std::move(example));
        }
    }
    bool contains(const std::string& type) const { return entries_.count(type) != 0; }
    bool empty() const { return entries_.empty(); }
    const std::map<std::string, Entry>& entries() const { return entries_; }

  private:
    std::map<std::string, Entry> entries_;
};

}  // namespace sim::elle
