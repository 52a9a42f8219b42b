#include "list_database.hpp"

#include <stdexcept>
#include <string>

namespace txn_list_append {

namespace {

const json::array& as_operation(const json::value& operation) {
    const auto* triple = operation.if_array();
    if (triple == nullptr || triple->size() != 3) {
        throw std::invalid_argument("operation " + json::serialize(operation) +
                                    " is not [f, key, value]");
    }
    return *triple;
}

bool is_append(const json::array& operation) {
    return operation[0] == "append";
}

}  // namespace

void validate(const json::array& operations) {
    for (const auto& operation : operations) {
        const auto& triple = as_operation(operation);
        const bool read = triple[0] == "r";
        if (!read && !is_append(triple)) {
            throw std::invalid_argument("operation " + json::serialize(operation) +
                                        " is neither \"r\" nor \"append\"");
        }
        if (read && !triple[2].is_null()) {
            throw std::invalid_argument("read " + json::serialize(operation) + " must carry null");
        }
    }
}

bool read_only(const json::array& operations) {
    for (const auto& operation : operations) {
        if (is_append(as_operation(operation))) {
            return false;
        }
    }
    return true;
}

TxnResult ListDatabase::apply(const json::array& operations) {
    validate(operations);
    TxnResult result;
    result.completed.reserve(operations.size());
    for (const auto& operation : operations) {
        const auto& triple = operation.get_array();
        if (is_append(triple)) {
            lists_[triple[1]].push_back(triple[2]);
            ++element_count_;
            result.appended = true;
            result.completed.push_back(operation);
        } else {
            result.completed.push_back(json::array{"r", triple[1], read(triple[1])});
        }
    }
    return result;
}

json::value ListDatabase::read(const json::value& key) const {
    auto found = lists_.find(key);
    if (found == lists_.end()) {
        return nullptr;
    }
    return found->second;
}

json::value ListDatabase::encode() const {
    json::array pairs;
    pairs.reserve(lists_.size());
    for (const auto& [key, list] : lists_) {
        pairs.push_back(json::array{key, list});
    }
    return pairs;
}

ListDatabase ListDatabase::decode(const json::value& stored) {
    ListDatabase database;
    if (stored.is_null()) {
        return database;
    }
    const auto* pairs = stored.if_array();
    if (pairs == nullptr) {
        throw std::runtime_error("stored database " + json::serialize(stored) + " is not an array");
    }
    for (const auto& pair : *pairs) {
        const auto* entry = pair.if_array();
        if (entry == nullptr || entry->size() != 2 || !(*entry)[1].is_array() ||
            !database.lists_.emplace((*entry)[0], (*entry)[1].get_array()).second) {
            throw std::runtime_error("stored entry " + json::serialize(pair) +
                                     " is not a new [key, list]");
        }
        database.element_count_ += (*entry)[1].get_array().size();
    }
    return database;
}

}  // namespace txn_list_append
