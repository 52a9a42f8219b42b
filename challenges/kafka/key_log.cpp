#include "key_log.hpp"

#include <algorithm>

namespace kafka {

std::int64_t KeyLog::append(json::value msg) {
    prefix_.push_back(std::move(msg));
    return contiguous_size() - 1;
}

void KeyLog::insert(std::int64_t offset, json::value msg) {
    if (offset < contiguous_size()) {
        return;
    }
    if (offset == contiguous_size()) {
        prefix_.push_back(std::move(msg));
    } else {
        if (!ahead_of_gap_) {
            ahead_of_gap_ = std::make_unique<std::map<std::int64_t, json::value>>();
        }
        ahead_of_gap_->emplace(offset, std::move(msg));
    }
    if (!ahead_of_gap_) {
        return;
    }
    auto& waiting = *ahead_of_gap_;
    while (!waiting.empty() && waiting.begin()->first <= contiguous_size()) {
        if (waiting.begin()->first == contiguous_size()) {
            prefix_.push_back(std::move(waiting.begin()->second));
        }
        waiting.erase(waiting.begin());
    }
    if (waiting.empty()) {
        ahead_of_gap_.reset();
    }
}

std::vector<Record> KeyLog::read_from(std::int64_t offset, std::size_t limit) const {
    std::vector<Record> records;
    for (std::int64_t o = std::max<std::int64_t>(offset, 0);
         o < contiguous_size() && records.size() < limit; ++o) {
        records.emplace_back(o, prefix_[static_cast<std::size_t>(o)]);
    }
    return records;
}

std::vector<json::value> KeyLog::messages_from(std::int64_t offset, std::size_t limit) const {
    std::vector<json::value> messages;
    for (std::int64_t o = std::max<std::int64_t>(offset, 0);
         o < contiguous_size() && messages.size() < limit; ++o) {
        messages.push_back(prefix_[static_cast<std::size_t>(o)]);
    }
    return messages;
}

}  // namespace kafka
