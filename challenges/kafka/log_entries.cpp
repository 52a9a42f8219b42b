#include "log_entries.hpp"

#include <algorithm>

namespace kafka {

namespace {

const json::array* as_entry(const json::value& value) {
    const json::array* entry = value.if_array();
    return entry != nullptr && entry->size() == 2 ? entry : nullptr;
}

}  // namespace

std::optional<std::int64_t> find_request(const json::array& entries,
                                         const std::string& request_id) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const json::array* entry = as_entry(entries[i]);
        if (entry != nullptr && (*entry)[1].is_string() && (*entry)[1].as_string() == request_id) {
            return static_cast<std::int64_t>(i);
        }
    }
    return std::nullopt;
}

std::vector<Record> records_from(const json::array& entries, std::int64_t offset,
                                 std::size_t limit) {
    std::vector<Record> records;
    auto size = static_cast<std::int64_t>(entries.size());
    for (std::int64_t o = std::max<std::int64_t>(offset, 0); o < size && records.size() < limit;
         ++o) {
        const json::array* entry = as_entry(entries[static_cast<std::size_t>(o)]);
        if (entry == nullptr) {
            break;
        }
        records.emplace_back(o, (*entry)[0]);
    }
    return records;
}

}  // namespace kafka
