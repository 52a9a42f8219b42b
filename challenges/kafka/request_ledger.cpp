#include "request_ledger.hpp"

#include <algorithm>
#include <charconv>

namespace kafka {

std::optional<RequestId> RequestId::parse(const std::string& text) {
    const auto dash = text.rfind('-');
    if (dash == std::string::npos || dash == 0 || dash + 1 == text.size()) {
        return std::nullopt;
    }
    RequestId id{text.substr(0, dash), 0};
    const char* first = text.data() + dash + 1;
    const char* last = text.data() + text.size();
    auto [end, ec] = std::from_chars(first, last, id.number);
    if (ec != std::errc{} || end != last || id.number < 0) {
        return std::nullopt;
    }
    return id;
}

RequestLedger::Lookup RequestLedger::find(const RequestId& id) const {
    const auto origin = origins_.find(id.origin);
    if (origin == origins_.end()) {
        return {};
    }
    const Origin& o = origin->second;
    if (id.number < o.window_start) {
        return {Status::too_old, -1};
    }
    if (auto stored = o.offsets.find(id.number); stored != o.offsets.end()) {
        return {Status::stored, stored->second};
    }
    return {};
}

void RequestLedger::record(const RequestId& id, std::int64_t offset) {
    Origin& o = origins_[id.origin];
    if (id.number < o.window_start) {
        return;
    }
    o.offsets[id.number] = offset;
    const std::int64_t newest = o.offsets.rbegin()->first;
    o.window_start = std::max(o.window_start, newest - window_ + 1);
    o.offsets.erase(o.offsets.begin(), o.offsets.lower_bound(o.window_start));
}

std::size_t RequestLedger::offsets_kept() const {
    std::size_t count = 0;
    for (const auto& [name, origin] : origins_) {
        count += origin.offsets.size();
    }
    return count;
}

}  // namespace kafka
