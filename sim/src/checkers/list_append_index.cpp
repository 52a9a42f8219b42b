#include "checkers/list_append_index.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>
#include <utility>

#include "checkers/elle_orders.hpp"
#include "checkers/elle_txns.hpp"

namespace sim::elle {

namespace json = boost::json;

AppendIndex::AppendIndex(const History& history, AnomalyLog& errors) : paired_(pair_ops(history)) {
    auto table = parse_txns<AppendTxn>(paired_, errors,
                                       [this](const PairedOp& op) { return parse_txn(op); });
    txns_ = std::move(table.txns);
    nodes_ = std::move(table.nodes);
    ok_count_ = table.ok_count;
    for (std::size_t t = 0; t < txns_.size(); ++t) {
        index_appends(t, errors);
    }
    infer_version_orders();
}

AppendTxn AppendIndex::parse_txn(const PairedOp& op) {
    AppendTxn txn;
    txn.op = &op;
    const auto& value = op.value();
    if (!value.is_array()) {
        throw std::invalid_argument("txn is not an array: " + json::serialize(value));
    }
    const bool reads_known = op.outcome() == OpType::ok;
    for (const auto& raw : value.get_array()) {
        const auto* mop = raw.if_array();
        if (mop == nullptr || mop->size() != 3 || !(*mop)[0].is_string()) {
            throw std::invalid_argument("micro-op is not [f, key, value]: " + json::serialize(raw));
        }
        const auto f = (*mop)[0].get_string();
        if (f != "r" && f != "append") {
            throw std::invalid_argument("micro-op is neither r nor append: " +
                                        json::serialize(raw));
        }
        AppendMop m;
        m.append = f == "append";
        m.raw = &raw;
        if (!m.append && !reads_known) {
            continue;  // a read that did not complete observed nothing
        }
        m.key = key_id((*mop)[1]);
        const auto& v = (*mop)[2];
        if (m.append) {
            m.element = element_id(m.key, v);
        } else if (v.is_null()) {
            m.read_null = true;
        } else if (const auto* list = v.if_array()) {
            for (const auto& e : *list) {
                m.elements.push_back(element_id(m.key, e));
            }
        } else {
            throw std::invalid_argument("read value is neither a list nor null: " +
                                        json::serialize(raw));
        }
        txn.mops.push_back(std::move(m));
    }
    return txn;
}

std::size_t AppendIndex::key_id(const json::value& key) {
    auto [it, inserted] = key_ids_.try_emplace(json::serialize(key), keys_.size());
    if (inserted) {
        keys_.emplace_back();
        keys_.back().key = key;
    }
    return it->second;
}

std::string AppendIndex::element_id(std::size_t k, const json::value& element) {
    auto id = json::serialize(element);
    keys_[k].element_json.try_emplace(id, element);
    return id;
}

// Elle requires every element to be appended at most once per key: an element
// then names one version of the list.
void AppendIndex::index_appends(std::size_t t, AnomalyLog& errors) {
    auto& txn = txns_[t];
    std::unordered_map<std::size_t, std::size_t> last_append;  // key -> mop position
    for (std::size_t i = 0; i < txn.mops.size(); ++i) {
        if (txn.mops[i].append) {
            last_append[txn.mops[i].key] = i;
        }
    }
    for (std::size_t i = 0; i < txn.mops.size(); ++i) {
        const auto& m = txn.mops[i];
        auto& k = keys_[m.key];
        if (!m.append) {
            if (txn.outcome() == OpType::ok) {
                k.reads.push_back(MopRef{t, i});
            }
            continue;
        }
        auto [it, inserted] =
            k.appenders.try_emplace(m.element, Appender{t, last_append[m.key] == i});
        if (!inserted) {
            errors.add("duplicate-appends",
                       json::object{{"op", txn_json(t)}, {"key", k.key}, {"element", *m.raw}});
        }
    }
}

// The longest read of a key holds every shorter compatible read as a prefix,
// so it alone gives the order of every element anyone saw.
void AppendIndex::infer_version_orders() {
    for (auto& k : keys_) {
        const std::vector<std::string>* longest = nullptr;
        for (const auto& ref : k.reads) {
            const auto& elements = mop(ref).elements;
            if (longest == nullptr || elements.size() > longest->size()) {
                longest = &elements;
            }
        }
        if (longest == nullptr) {
            continue;
        }
        std::unordered_set<std::string> seen;
        for (const auto& e : *longest) {
            if (seen.insert(e).second) {
                k.position[e] = k.order.size();
                k.order.push_back(e);
            }
        }
    }
}

const Appender* AppendIndex::appender(std::size_t k, const std::string& element) const {
    const auto& appenders = keys_[k].appenders;
    const auto it = appenders.find(element);
    return it == appenders.end() ? nullptr : &it->second;
}

json::value AppendIndex::txn_json(std::size_t t) const {
    return op_json(*txns_[t].op);
}

json::value AppendIndex::list_json(std::size_t k, const std::vector<std::string>& elements) const {
    json::array out;
    for (const auto& e : elements) {
        out.push_back(keys_[k].element_json.at(e));
    }
    return out;
}

}  // namespace sim::elle
