#include "checkers/list_append_anomalies.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace sim::elle {

namespace json = boost::json;

void find_read_anomalies(const AppendIndex& index, AnomalyLog& log) {
    const auto& txns = index.txns();
    for (std::size_t t = 0; t < txns.size(); ++t) {
        if (txns[t].outcome() != OpType::ok) {
            continue;
        }
        for (const auto& m : txns[t].mops) {
            if (m.append) {
                continue;
            }
            std::map<std::string, std::int64_t> counts;
            for (const auto& e : m.elements) {
                ++counts[e];
                const auto* writer = index.appender(m.key, e);
                if (writer == nullptr) {
                    log.add("garbage-read",
                            json::object{{"op", index.txn_json(t)},
                                         {"mop", *m.raw},
                                         {"element", index.keys()[m.key].element_json.at(e)}});
                } else if (txns[writer->txn].outcome() == OpType::fail) {
                    log.add("G1a",
                            json::object{{"op", index.txn_json(t)},
                                         {"mop", *m.raw},
                                         {"writer", index.txn_json(writer->txn)},
                                         {"element", index.keys()[m.key].element_json.at(e)}});
                }
            }
            if (!m.elements.empty()) {
                const auto* writer = index.appender(m.key, m.elements.back());
                if (writer != nullptr && !writer->final && writer->txn != t) {
                    log.add("G1b", json::object{{"op", index.txn_json(t)},
                                                {"mop", *m.raw},
                                                {"writer", index.txn_json(writer->txn)},
                                                {"element", index.keys()[m.key].element_json.at(
                                                                m.elements.back())}});
                }
            }
            json::object dups;
            for (const auto& [e, n] : counts) {
                if (n > 1) {
                    dups[e] = n;
                }
            }
            if (!dups.empty()) {
                log.add("duplicate-elements", json::object{{"op", index.txn_json(t)},
                                                           {"mop", *m.raw},
                                                           {"duplicates", std::move(dups)}});
            }
        }
    }
}

namespace {

// What a txn knows a key holds: the whole list after it read one, or only
// the tail it appended when it has not read the key (Elle's '... prefix).
struct Expected {
    bool known_prefix = false;
    // After a null read Elle checks no read, but appends then build on [].
    bool after_null_read = false;
    std::vector<std::string> elements;
};

bool matches(const Expected& expected, const AppendMop& read) {
    if (expected.known_prefix) {
        // A null read after the txn saw or built a list contradicts it.
        return !read.read_null && expected.elements == read.elements;
    }
    const auto& elements = read.elements;
    return elements.size() >= expected.elements.size() &&
           std::equal(expected.elements.begin(), expected.elements.end(),
                      elements.end() - static_cast<std::ptrdiff_t>(expected.elements.size()));
}

json::value expected_json(const AppendIndex& index, std::size_t k, const Expected& expected) {
    auto list = index.list_json(k, expected.elements);
    if (!expected.known_prefix) {
        list.get_array().insert(list.get_array().begin(), json::value("..."));
    }
    return list;
}

}  // namespace

void find_internal_anomalies(const AppendIndex& index, AnomalyLog& log) {
    const auto& txns = index.txns();
    for (std::size_t t = 0; t < txns.size(); ++t) {
        if (txns[t].outcome() != OpType::ok) {
            continue;
        }
        std::unordered_map<std::size_t, Expected> state;
        // key -> elements this txn has read so far (for future reads)
        std::unordered_map<std::size_t, std::unordered_set<std::string>> seen;
        bool internal_found = false;
        bool future_found = false;
        for (const auto& m : txns[t].mops) {
            if (m.append) {
                if (!future_found && seen[m.key].count(m.element) != 0) {
                    future_found = true;
                    log.add(
                        "future-read",
                        json::object{{"op", index.txn_json(t)},
                                     {"element", index.keys()[m.key].element_json.at(m.element)}});
                }
                auto& expected = state[m.key];
                if (expected.after_null_read) {
                    expected = Expected{true, false, {}};
                }
                expected.elements.push_back(m.element);
                continue;
            }
            seen[m.key].insert(m.elements.begin(), m.elements.end());
            const auto it = state.find(m.key);
            if (!internal_found && it != state.end() && !it->second.after_null_read &&
                !matches(it->second, m)) {
                internal_found = true;
                log.add("internal",
                        json::object{{"op", index.txn_json(t)},
                                     {"mop", *m.raw},
                                     {"expected", expected_json(index, m.key, it->second)}});
                continue;
            }
            state[m.key] = Expected{!m.read_null, m.read_null, m.elements};
        }
    }
}

namespace {

bool is_prefix(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return a.size() <= b.size() && std::equal(a.begin(), a.end(), b.begin());
}

void find_incompatible_order(const AppendIndex& index, std::size_t k, AnomalyLog& log) {
    std::set<std::vector<std::string>> distinct;
    for (const auto& ref : index.keys()[k].reads) {
        if (!index.mop(ref).elements.empty()) {
            distinct.insert(index.mop(ref).elements);
        }
    }
    std::vector<const std::vector<std::string>*> values;
    for (const auto& v : distinct) {
        values.push_back(&v);
    }
    std::stable_sort(values.begin(), values.end(),
                     [](const auto* a, const auto* b) { return a->size() < b->size(); });
    for (std::size_t i = 1; i < values.size(); ++i) {
        if (!is_prefix(*values[i - 1], *values[i])) {
            log.add("incompatible-order",
                    json::object{{"key", index.keys()[k].key},
                                 {"values", json::array{index.list_json(k, *values[i - 1]),
                                                        index.list_json(k, *values[i])}}});
            return;
        }
    }
}

// Walks the version order remembering the last txn whose outcome decides the
// state: a committed append right after failed ones built on aborted state.
void find_dirty_updates(const AppendIndex& index, std::size_t k, AnomalyLog& log) {
    const auto& key = index.keys()[k];
    std::optional<std::size_t> last;  // nullopt: the initial, committed state
    std::vector<std::string> span;
    for (const auto& e : key.order) {
        const auto* writer = index.appender(k, e);
        if (writer == nullptr) {
            return;  // reported as garbage-read
        }
        const auto before = last ? index.txns()[*last].outcome() : OpType::ok;
        const auto now = index.txns()[writer->txn].outcome();
        // An indeterminate append decides nothing, and a run of failed ones
        // is reported from its first.
        if (now == OpType::info || (now == OpType::fail && before == OpType::fail)) {
            span.push_back(e);
            continue;
        }
        if (now == OpType::ok && before == OpType::fail) {
            span.push_back(e);
            log.add("dirty-update",
                    json::object{{"key", key.key},
                                 {"values", index.list_json(k, span)},
                                 {"txns", json::array{index.txn_json(*last), "...",
                                                      index.txn_json(writer->txn)}}});
        }
        last = writer->txn;
        span.assign(1, e);
    }
}

}  // namespace

void find_order_anomalies(const AppendIndex& index, AnomalyLog& log) {
    for (std::size_t k = 0; k < index.keys().size(); ++k) {
        find_incompatible_order(index, k, log);
        find_dirty_updates(index, k, log);
    }
}

// As Elle does: a txn's first read of a key is what its first append to the
// key (after that read) was built on.
void find_lost_updates(const AppendIndex& index, AnomalyLog& log) {
    std::map<std::pair<std::size_t, std::string>, std::vector<std::size_t>> updaters;
    const auto& txns = index.txns();
    for (std::size_t t = 0; t < txns.size(); ++t) {
        if (txns[t].outcome() != OpType::ok) {
            continue;
        }
        std::unordered_map<std::size_t, std::string> first_read;
        std::unordered_set<std::size_t> written;
        for (const auto& m : txns[t].mops) {
            if (!m.append) {
                first_read.try_emplace(m.key, json::serialize(*m.raw));
                continue;
            }
            const auto read = first_read.find(m.key);
            if (read != first_read.end() && written.insert(m.key).second) {
                updaters[{m.key, read->second}].push_back(t);
            }
        }
    }
    for (const auto& [read, ts] : updaters) {
        if (ts.size() < 2) {
            continue;
        }
        json::array ops;
        for (const auto t : ts) {
            ops.push_back(index.txn_json(t));
        }
        const auto mop = json::parse(read.second);
        log.add("lost-update", json::object{{"key", index.keys()[read.first].key},
                                            {"value", mop.at(2)},
                                            {"txns", std::move(ops)}});
    }
}

}  // namespace sim::elle
