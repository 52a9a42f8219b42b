#include "database_store.hpp"

#include <utility>

namespace txn_list_append {

LinKvDatabaseStore::LinKvDatabaseStore(maelstrom::Node& node, std::string key,
                                       std::chrono::milliseconds timeout)
    : kv_(node), key_(std::move(key)) {
    kv_.set_timeout(timeout);
}

json::value LinKvDatabaseStore::read() {
    return kv_.read_or<json::value>(key_, json::value(nullptr));
}

bool LinKvDatabaseStore::compare_and_set(const json::value& from, const json::value& to) {
    try {
        // create_if_not_exists: the first commit needs no separate write, and
        // a missing key can only mean the empty database, whatever `from` is.
        kv_.cas(key_, from, to, true);
        return true;
    } catch (const maelstrom::rpc_error& error) {
        if (error.code() == maelstrom::error_code::precondition_failed) {
            return false;
        }
        throw;
    }
}

}  // namespace txn_list_append
