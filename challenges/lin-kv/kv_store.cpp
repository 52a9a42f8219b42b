#include "lin-kv/kv_store.hpp"

namespace lin_kv {

namespace json = maelstrom::json;

namespace {

Outcome failure(maelstrom::error_code code, std::string text) {
    return Outcome{{}, code, std::move(text)};
}

}  // namespace

Outcome KvStore::apply(const Command& command) {
    const auto found = data_.find(command.key);
    if (command.op == "read") {
        if (found == data_.end()) {
            return failure(maelstrom::error_code::key_does_not_exist, "key does not exist");
        }
        return Outcome{{{"type", "read_ok"}, {"value", found->second}}, std::nullopt, {}};
    }
    if (command.op == "write") {
        data_[command.key] = command.value;
        return Outcome{{{"type", "write_ok"}}, std::nullopt, {}};
    }
    if (command.op == "cas") {
        if (found == data_.end()) {
            return failure(maelstrom::error_code::key_does_not_exist, "key does not exist");
        }
        if (found->second != command.from) {
            return failure(maelstrom::error_code::precondition_failed,
                           "expected " + json::serialize(command.from) + ", found " +
                               json::serialize(found->second));
        }
        found->second = command.to;
        return Outcome{{{"type", "cas_ok"}}, std::nullopt, {}};
    }
    return failure(maelstrom::error_code::not_supported, "unknown operation " + command.op);
}

}  // namespace lin_kv
