#include "key_log.hpp"

#include <algorithm>

namespace kafka {

std::int64_t KeyLog::append(json::value msg) {
    push_back(std::move(msg));
    return contiguous_size() - 1;
}

void KeyLog::push_back(json::value msg) {
    const bool packed = !rare_ || rare_->values.empty();
    if (packed && msg.is_int64()) {
        integers_.push_back(msg.get_int64());
        return;
    }
    auto& values = rare().values;
    if (packed) {
        values.reserve(integers_.size() + 1);
        for (std::size_t i = 0; i < integers_.size(); ++i) {
            values.emplace_back(integers_[i]);
        }
        integers_.clear();
    }
    values.push_back(std::move(msg));
}

KeyLog::Rare& KeyLog::rare() {
    if (!rare_) {
        rare_ = std::make_unique<Rare>();
    }
    return *rare_;
}

void KeyLog::release_rare_if_unused() noexcept {
    if (rare_ && rare_->values.empty() && rare_->ahead_of_gap.empty()) {
        rare_.reset();
    }
}

void KeyLog::insert(std::int64_t offset, json::value msg) {
    if (offset < contiguous_size()) {
        return;
    }
    if (offset == contiguous_size()) {
        push_back(std::move(msg));
    } else {
        rare().ahead_of_gap.emplace(offset, std::move(msg));
    }
    if (!rare_) {
        return;
    }
    auto& waiting = rare_->ahead_of_gap;
    while (!waiting.empty() && waiting.begin()->first <= contiguous_size()) {
        if (waiting.begin()->first == contiguous_size()) {
            push_back(std::move(waiting.begin()->second));
        }
        waiting.erase(waiting.begin());
    }
    release_rare_if_unused();
}

json::value KeyLog::message(std::int64_t offset) const {
    const auto index = static_cast<std::size_t>(offset);
    if (rare_ && !rare_->values.empty()) {
        return rare_->values[index];
    }
    return integers_[index];
}

std::vector<Record> KeyLog::read_from(std::int64_t offset, std::size_t limit) const {
    std::vector<Record> records;
    for (std::int64_t o = std::max<std::int64_t>(offset, 0);
         o < contiguous_size() && records.size() < limit; ++o) {
        records.emplace_back(o, message(o));
    }
    return records;
}

std::vector<json::value> KeyLog::messages_from(std::int64_t offset, std::size_t limit) const {
    std::vector<json::value> messages;
    for (std::int64_t o = std::max<std::int64_t>(offset, 0);
         o < contiguous_size() && messages.size() < limit; ++o) {
        messages.push_back(message(o));
    }
    return messages;
}

}  // namespace kafka
