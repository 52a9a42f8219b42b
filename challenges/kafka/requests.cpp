#include "requests.hpp"

namespace kafka {

json::object send_ok(std::int64_t offset) {
    return json::object{{"type", "send_ok"}, {"offset", offset}};
}

json::object poll_ok(const PollResult& msgs) {
    return json::object{{"type", "poll_ok"}, {"msgs", json::value_from(msgs)}};
}

json::object poll_ok(json::object msgs) {
    return json::object{{"type", "poll_ok"}, {"msgs", std::move(msgs)}};
}

json::object commit_offsets_ok() {
    return json::object{{"type", "commit_offsets_ok"}};
}

json::object list_committed_offsets_ok(const OffsetMap& offsets) {
    return json::object{{"type", "list_committed_offsets_ok"},
                        {"offsets", json::value_from(offsets)}};
}

}  // namespace kafka
