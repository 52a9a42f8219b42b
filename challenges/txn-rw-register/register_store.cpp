#include "register_store.hpp"

#include <algorithm>
#include <stdexcept>

namespace txn {

namespace {

// Registers are indexed by the serialised key, so any JSON key works.
std::string index_of(const json::value& key) {
    return json::serialize(key);
}

const json::array& checked_operation(const json::value& operation) {
    const json::array* mop = operation.if_array();
    if (mop == nullptr || mop->size() != 3 || !(*mop)[0].is_string()) {
        throw std::invalid_argument("an operation must be [\"r\"|\"w\", key, value], got " +
                                    json::serialize(operation));
    }
    const json::string& f = (*mop)[0].as_string();
    if (f != "r" && f != "w") {
        throw std::invalid_argument("unknown operation '" + std::string(f) + "'");
    }
    return *mop;
}

}  // namespace

TxnResult RegisterStore::execute(const json::array& operations) {
    for (const auto& operation : operations) {
        checked_operation(operation);
    }
    // The transaction's own writes, visible to its later reads; only the last
    // write of each key leaves the transaction, so no other transaction can
    // ever read an intermediate value.
    std::map<std::string, std::pair<json::value, json::value>> own_writes;
    TxnResult result;
    for (const auto& operation : operations) {
        const json::array& mop = operation.as_array();
        const json::value& key = mop[1];
        if (mop[0].as_string() == "r") {
            auto own = own_writes.find(index_of(key));
            json::value observed = own != own_writes.end() ? own->second.second : read(key);
            result.completed.push_back(json::array{"r", key, std::move(observed)});
        } else {
            own_writes[index_of(key)] = {key, mop[2]};
            result.completed.push_back(mop);
        }
    }
    if (!own_writes.empty()) {
        result.replicated.version = Version{++clock_, node_index_};
        for (auto& [index, write] : own_writes) {
            install(write.first, write.second, result.replicated.version);
            result.replicated.writes.push_back(std::move(write));
        }
    }
    return result;
}

void RegisterStore::apply(const WriteSet& remote) {
    // Lamport's rule: anything this replica does after seeing the remote
    // transaction is ordered after it.
    clock_ = std::max(clock_, remote.version.lamport);
    for (const auto& [key, value] : remote.writes) {
        install(key, value, remote.version);
    }
}

json::value RegisterStore::read(const json::value& key) const {
    auto found = registers_.find(index_of(key));
    return found == registers_.end() ? json::value(nullptr) : found->second.value;
}

void RegisterStore::install(const json::value& key, json::value value, const Version& version) {
    auto [entry, created] = registers_.try_emplace(index_of(key), Register{value, version});
    if (!created && entry->second.version < version) {
        entry->second = Register{std::move(value), version};
    }
}

}  // namespace txn
