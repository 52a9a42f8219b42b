#include "checkers/kafka_checker.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "checkers/elle_ops.hpp"
#include "checkers/elle_report.hpp"

namespace sim {
namespace {

namespace json = boost::json;
using elle::AnomalyLog;
using elle::PairedOp;

constexpr std::size_t kOffsetSampleLimit = 32;
constexpr std::size_t kUnseenSampleLimit = 32;

struct Mop {
    enum class Kind { send, poll };
    Kind kind = Kind::send;
    std::size_t key = 0;
    json::value msg;                                           // send
    std::optional<std::int64_t> offset;                        // send, known for :ok only
    std::vector<std::pair<std::int64_t, json::value>> polled;  // poll
};

struct ParsedOp {
    const PairedOp* op = nullptr;
    std::vector<Mop> mops;
    std::vector<std::size_t> assigned;  // assign: the keys
    std::optional<std::vector<std::pair<std::size_t, std::int64_t>>> committed;
};

struct KeyLog {
    std::string name;
    std::unordered_map<std::int64_t, std::vector<json::value>> msgs_at_offset;
    std::unordered_map<std::string, std::vector<std::int64_t>> offsets_of_msg;
    std::unordered_set<std::string> polled_msgs;
    std::unordered_set<std::int64_t> polled_offsets;
    std::unordered_map<std::string, std::int64_t> failed_sends;  // message -> op index
    struct Send {
        json::value msg;
        std::int64_t offset = 0;
        std::int64_t op = 0;
    };
    std::vector<Send> ok_sends;
    std::vector<std::int64_t> sorted_offsets;
    std::unordered_map<std::int64_t, std::int64_t> index_of_offset;

    std::int64_t index(std::int64_t offset) const { return index_of_offset.at(offset); }
};

std::string message_id(const json::value& msg) {
    return json::serialize(msg);
}

std::int64_t as_int(const json::value& v, const char* what) {
    if (!v.is_int64()) {
        if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
            return static_cast<std::int64_t>(v.get_uint64());
        }
        throw std::invalid_argument(std::string(what) +
                                    " is not an integer: " + json::serialize(v));
    }
    return v.get_int64();
}

const json::array& as_array(const json::value& v, const char* what) {
    if (!v.is_array()) {
        throw std::invalid_argument(std::string(what) + " is not an array: " + json::serialize(v));
    }
    return v.get_array();
}

class Parser {
  public:
    std::vector<KeyLog> keys;

    std::size_t key_id(const json::value& k) {
        std::string name;
        if (k.is_string()) {
            name = std::string(k.get_string());
        } else if (k.is_int64() || k.is_uint64()) {
            // Generators may record integer keys; Maelstrom sends them as strings.
            name = json::serialize(k);
        } else {
            throw std::invalid_argument("key is neither string nor integer: " + json::serialize(k));
        }
        return key_id(name);
    }
    std::size_t key_id(const std::string& name) {
        auto [it, inserted] = ids_.try_emplace(name, keys.size());
        if (inserted) {
            keys.push_back(KeyLog{});
            keys.back().name = name;
        }
        return it->second;
    }

    ParsedOp parse(const PairedOp& op) {
        ParsedOp out;
        out.op = &op;
        const auto& f = op.invoke->f;
        if (f == "assign") {
            parse_assign(op, out);
            return out;
        }
        if (f != "send" && f != "poll") {
            return out;  // crash, debug ops: no data
        }
        const bool ok = op.outcome() == OpType::ok;
        for (const auto& raw : as_array(op.value(), "op value")) {
            const auto& mop = as_array(raw, "micro-op");
            if (mop.empty() || !mop[0].is_string()) {
                throw std::invalid_argument("micro-op without a name: " + json::serialize(raw));
            }
            const auto name = mop[0].get_string();
            if (name == "send") {
                if (mop.size() != 3) {
                    throw std::invalid_argument("send micro-op needs 3 elements: " +
                                                json::serialize(raw));
                }
                Mop m;
                m.kind = Mop::Kind::send;
                m.key = key_id(mop[1]);
                if (ok) {
                    const auto& pair = as_array(mop[2], "send result");
                    if (pair.size() != 2) {
                        throw std::invalid_argument("send result is not [offset, msg]: " +
                                                    json::serialize(raw));
                    }
                    m.offset = as_int(pair[0], "offset");
                    m.msg = pair[1];
                } else {
                    m.msg = mop[2];
                }
                out.mops.push_back(std::move(m));
            } else if (name == "poll") {
                if (!ok) {
                    continue;
                }
                if (mop.size() != 2 || !mop[1].is_object()) {
                    throw std::invalid_argument("poll result is not [\"poll\", {key: pairs}]: " +
                                                json::serialize(raw));
                }
                for (const auto& entry : mop[1].get_object()) {
                    Mop m;
                    m.kind = Mop::Kind::poll;
                    m.key = key_id(std::string(entry.key()));
                    if (!entry.value().is_null()) {
                        for (const auto& pair_value : as_array(entry.value(), "polled messages")) {
                            const auto& pair = as_array(pair_value, "polled message");
                            if (pair.size() != 2) {
                                throw std::invalid_argument(
                                    "polled message is not [offset, msg]: " +
                                    json::serialize(pair_value));
                            }
                            m.polled.emplace_back(as_int(pair[0], "offset"), pair[1]);
                        }
                    }
                    out.mops.push_back(std::move(m));
                }
            } else {
                throw std::invalid_argument("unknown micro-op: " + json::serialize(raw));
            }
        }
        return out;
    }

  private:
    void parse_assign(const PairedOp& op, ParsedOp& out) {
        if (op.outcome() != OpType::ok) {
            return;
        }
        // Maelstrom records the key list; our kafka client also records the
        // committed offsets it resumed from: {"keys": [...], "committed": {k: o}}.
        const auto& v = op.completion->value;
        const json::value* key_list = &v;
        if (v.is_object()) {
            key_list = v.get_object().if_contains("keys");
            if (key_list == nullptr) {
                throw std::invalid_argument("assign result without keys: " + json::serialize(v));
            }
            if (const auto* committed = v.get_object().if_contains("committed")) {
                if (!committed->is_object()) {
                    throw std::invalid_argument("committed offsets are not an object: " +
                                                json::serialize(v));
                }
                out.committed.emplace();
                for (const auto& entry : committed->get_object()) {
                    out.committed->emplace_back(key_id(std::string(entry.key())),
                                                as_int(entry.value(), "committed offset"));
                }
            }
        }
        for (const auto& k : as_array(*key_list, "assigned keys")) {
            out.assigned.push_back(key_id(k));
        }
    }

    std::unordered_map<std::string, std::size_t> ids_;
};

template <typename T>
void add_unique(std::vector<T>& values, const T& v) {
    if (std::find(values.begin(), values.end(), v) == values.end()) {
        values.push_back(v);
    }
}

void record_message(KeyLog& log, std::int64_t offset, const json::value& msg) {
    add_unique(log.msgs_at_offset[offset], msg);
    add_unique(log.offsets_of_msg[message_id(msg)], offset);
}

void collect(std::vector<ParsedOp>& ops, std::vector<KeyLog>& keys) {
    for (const auto& parsed : ops) {
        const auto outcome = parsed.op->outcome();
        for (const auto& m : parsed.mops) {
            auto& log = keys[m.key];
            if (m.kind == Mop::Kind::send) {
                if (outcome == OpType::ok && m.offset) {
                    record_message(log, *m.offset, m.msg);
                    log.ok_sends.push_back({m.msg, *m.offset, parsed.op->invoke_index()});
                } else if (outcome == OpType::fail) {
                    log.failed_sends.emplace(message_id(m.msg), parsed.op->invoke_index());
                }
            } else {
                for (const auto& [offset, msg] : m.polled) {
                    record_message(log, offset, msg);
                    log.polled_msgs.insert(message_id(msg));
                    log.polled_offsets.insert(offset);
                }
            }
        }
    }
    for (auto& log : keys) {
        log.sorted_offsets.reserve(log.msgs_at_offset.size());
        for (const auto& entry : log.msgs_at_offset) {
            log.sorted_offsets.push_back(entry.first);
        }
        std::sort(log.sorted_offsets.begin(), log.sorted_offsets.end());
        for (std::size_t i = 0; i < log.sorted_offsets.size(); ++i) {
            log.index_of_offset.emplace(log.sorted_offsets[i], static_cast<std::int64_t>(i));
        }
    }
}

void check_keys(const std::vector<KeyLog>& keys, AnomalyLog& log, json::object& report,
                std::int64_t end_time_ns) {
    json::object unseen_counts;
    json::object unseen_messages;
    std::int64_t unseen_total = 0;
    for (const auto& k : keys) {
        for (const auto& offset : k.sorted_offsets) {
            const auto& msgs = k.msgs_at_offset.at(offset);
            if (msgs.size() > 1) {
                log.add("inconsistent-offsets",
                        json::object{{"key", k.name},
                                     {"offset", offset},
                                     {"values", json::array(msgs.begin(), msgs.end())}},
                        kOffsetSampleLimit);
            }
        }
        // Iterate offsets in order so that examples are deterministic.
        std::set<std::string> reported_duplicates;
        for (const auto& offset : k.sorted_offsets) {
            for (const auto& msg : k.msgs_at_offset.at(offset)) {
                const auto id = message_id(msg);
                const auto& offsets = k.offsets_of_msg.at(id);
                if (offsets.size() > 1 && reported_duplicates.insert(id).second) {
                    json::array sorted(offsets.begin(), offsets.end());
                    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
                        return a.as_int64() < b.as_int64();
                    });
                    log.add("duplicate",
                            json::object{{"key", k.name}, {"value", msg}, {"offsets", sorted}},
                            kOffsetSampleLimit);
                }
            }
        }
        std::int64_t max_polled_index = -1;
        for (const auto offset : k.polled_offsets) {
            max_polled_index = std::max(max_polled_index, k.index(offset));
        }
        json::array unseen;
        std::int64_t unseen_here = 0;
        for (const auto& send : k.ok_sends) {
            if (k.polled_msgs.count(message_id(send.msg)) != 0) {
                continue;
            }
            const auto index = k.index(send.offset);
            if (index <= max_polled_index) {
                log.add("lost-write", json::object{{"key", k.name},
                                                   {"value", send.msg},
                                                   {"offset", send.offset},
                                                   {"index", index},
                                                   {"max-read-index", max_polled_index},
                                                   {"writer", send.op}});
            }
            ++unseen_here;
            if (unseen.size() < kUnseenSampleLimit) {
                unseen.push_back(send.msg);
            }
        }
        if (unseen_here > 0) {
            unseen_total += unseen_here;
            unseen_counts[k.name] = unseen_here;
            unseen_messages[k.name] = std::move(unseen);
        }
    }
    if (unseen_total > 0) {
        report["unseen"] = json::object{{"time", static_cast<double>(end_time_ns) / 1e9},
                                        {"count", unseen_total},
                                        {"unseen", std::move(unseen_counts)},
                                        {"messages", std::move(unseen_messages)}};
    }
}

void check_within_ops(const std::vector<ParsedOp>& ops, const std::vector<KeyLog>& keys,
                      AnomalyLog& log) {
    for (const auto& parsed : ops) {
        const auto& op = *parsed.op;
        if (op.outcome() != OpType::ok) {
            continue;
        }
        const auto op_index = op.invoke_index();
        std::unordered_map<std::size_t, std::int64_t> last_send_index;
        std::unordered_set<std::string> sent_here;
        for (const auto& m : parsed.mops) {
            const auto& k = keys[m.key];
            if (m.kind == Mop::Kind::send) {
                sent_here.insert(k.name + '\n' + message_id(m.msg));
                const auto index = k.index(*m.offset);
                if (auto it = last_send_index.find(m.key); it != last_send_index.end()) {
                    if (index <= it->second) {
                        log.add("int-nonmonotonic-send",
                                json::object{{"op", op_index},
                                             {"key", k.name},
                                             {"index", index},
                                             {"previous-index", it->second}});
                    } else if (index > it->second + 1) {
                        log.add("int-send-skip", json::object{{"op", op_index},
                                                              {"key", k.name},
                                                              {"index", index},
                                                              {"previous-index", it->second}});
                    }
                }
                last_send_index[m.key] = index;
                continue;
            }
            for (std::size_t i = 0; i < m.polled.size(); ++i) {
                const auto& [offset, msg] = m.polled[i];
                const auto id = message_id(msg);
                if (auto it = k.failed_sends.find(id); it != k.failed_sends.end()) {
                    log.add("G1a", json::object{{"op", op_index},
                                                {"key", k.name},
                                                {"value", msg},
                                                {"offset", offset},
                                                {"writer", it->second}});
                }
                if (sent_here.count(k.name + '\n' + id) != 0) {
                    log.add("precommitted-read",
                            json::object{{"op", op_index}, {"key", k.name}, {"value", msg}});
                }
                if (i == 0) {
                    continue;
                }
                const auto prev = k.index(m.polled[i - 1].first);
                const auto cur = k.index(offset);
                if (cur <= prev || cur > prev + 1) {
                    json::array skipped;
                    for (auto j = prev + 1; j < cur; ++j) {
                        const auto skipped_offset = k.sorted_offsets[static_cast<std::size_t>(j)];
                        skipped.push_back(k.msgs_at_offset.at(skipped_offset).front());
                        if (skipped.size() >= 8) {
                            break;
                        }
                    }
                    log.add(cur <= prev ? "int-nonmonotonic-poll" : "int-poll-skip",
                            json::object{{"op", op_index},
                                         {"key", k.name},
                                         {"values", json::array{m.polled[i - 1].second, msg}},
                                         {"delta", cur - prev},
                                         {"skipped", std::move(skipped)}});
                }
            }
        }
    }
}

// Consecutive operations of one process must read and write each key's log in
// order: a poll continues right after the previous poll of that key, a send
// lands after the previous send.
void check_per_process(const std::vector<ParsedOp>& ops, const std::vector<KeyLog>& keys,
                       AnomalyLog& log) {
    struct Position {
        std::int64_t index = 0;
        std::int64_t op = 0;
    };
    struct ProcessState {
        std::unordered_map<std::size_t, Position> polled;
        std::unordered_map<std::size_t, Position> sent;
    };
    std::unordered_map<std::int64_t, ProcessState> processes;
    for (const auto& parsed : ops) {
        const auto& op = *parsed.op;
        if (op.outcome() != OpType::ok) {
            continue;
        }
        auto& state = processes[op.invoke->process];
        const auto op_index = op.invoke_index();
        if (op.invoke->f == "assign") {
            std::unordered_set<std::size_t> kept(parsed.assigned.begin(), parsed.assigned.end());
            std::erase_if(state.polled,
                          [&](const auto& entry) { return kept.count(entry.first) == 0; });
            continue;
        }
        for (const auto& m : parsed.mops) {
            const auto& k = keys[m.key];
            if (m.kind == Mop::Kind::send) {
                const auto index = k.index(*m.offset);
                if (auto it = state.sent.find(m.key);
                    it != state.sent.end() && index <= it->second.index) {
                    log.add("nonmonotonic-send",
                            json::object{{"process", op.invoke->process},
                                         {"key", k.name},
                                         {"ops", json::array{it->second.op, op_index}},
                                         {"index", index},
                                         {"previous-index", it->second.index}});
                }
                state.sent[m.key] = {index, op_index};
                continue;
            }
            if (m.polled.empty()) {
                continue;
            }
            const auto first = k.index(m.polled.front().first);
            if (auto it = state.polled.find(m.key); it != state.polled.end()) {
                const auto prev = it->second.index;
                if (first <= prev || first > prev + 1) {
                    log.add(first <= prev ? "nonmonotonic-poll" : "poll-skip",
                            json::object{{"process", op.invoke->process},
                                         {"key", k.name},
                                         {"ops", json::array{it->second.op, op_index}},
                                         {"previous-index", prev},
                                         {"index", first},
                                         {"delta", first - prev}});
                }
            }
            state.polled[m.key] = {k.index(m.polled.back().first), op_index};
        }
    }
}

// Committed offsets come from polls (a client commits what it processed), and
// a key's committed offset never moves back once another client has seen it.
void check_committed(const std::vector<ParsedOp>& ops, const std::vector<KeyLog>& keys,
                     AnomalyLog& log) {
    struct Observation {
        std::int64_t invoked = 0;
        std::int64_t completed = 0;
        std::int64_t offset = 0;
    };
    std::unordered_map<std::size_t, std::vector<Observation>> by_key;
    for (const auto& parsed : ops) {
        if (!parsed.committed) {
            continue;
        }
        for (const auto& [key, offset] : *parsed.committed) {
            const auto& k = keys[key];
            if (k.polled_offsets.count(offset) == 0) {
                log.add("unpolled-committed-offset", json::object{{"op", parsed.op->invoke_index()},
                                                                  {"key", k.name},
                                                                  {"offset", offset}});
            }
            by_key[key].push_back({parsed.op->invoke_index(), parsed.op->complete_index(), offset});
        }
    }
    for (auto& [key, observations] : by_key) {
        auto by_completion = observations;
        std::sort(by_completion.begin(), by_completion.end(),
                  [](const auto& a, const auto& b) { return a.completed < b.completed; });
        std::sort(observations.begin(), observations.end(),
                  [](const auto& a, const auto& b) { return a.invoked < b.invoked; });
        std::size_t done = 0;
        std::optional<Observation> highest;
        for (const auto& obs : observations) {
            while (done < by_completion.size() && by_completion[done].completed < obs.invoked) {
                if (!highest || by_completion[done].offset > highest->offset) {
                    highest = by_completion[done];
                }
                ++done;
            }
            if (highest && obs.offset < highest->offset) {
                log.add("nonmonotonic-committed-offset",
                        json::object{{"key", keys[key].name},
                                     {"ops", json::array{highest->invoked, obs.invoked}},
                                     {"previous-offset", highest->offset},
                                     {"offset", obs.offset}});
            }
        }
    }
}

bool is_benign(const std::string& type) {
    return std::find(std::begin(kKafkaBenignErrorTypes), std::end(kKafkaBenignErrorTypes), type) !=
           std::end(kKafkaBenignErrorTypes);
}

}  // namespace

CheckResult check_kafka(const History& history) {
    const auto paired = elle::pair_ops(history);
    Parser parser;
    AnomalyLog malformed;
    std::vector<ParsedOp> ops;
    ops.reserve(paired.ops.size());
    json::array info_causes;
    for (const auto& op : paired.ops) {
        try {
            ops.push_back(parser.parse(op));
        } catch (const std::invalid_argument& e) {
            malformed.add("malformed-op",
                          json::object{{"op", op.invoke_index()}, {"error", e.what()}});
            continue;
        }
        const auto& f = op.invoke->f;
        if (op.outcome() == OpType::info && (f == "send" || f == "poll") &&
            op.completion != nullptr && op.completion->error) {
            if (std::find(info_causes.begin(), info_causes.end(), *op.completion->error) ==
                info_causes.end()) {
                info_causes.push_back(*op.completion->error);
            }
        }
    }
    collect(ops, parser.keys);

    AnomalyLog log;
    json::object report;
    check_keys(parser.keys, log, report, history.empty() ? 0 : history.back().time_ns);
    check_within_ops(ops, parser.keys, log);
    check_per_process(ops, parser.keys, log);
    check_committed(ops, parser.keys, log);

    json::array error_types;
    json::array bad_error_types;
    for (const auto& [type, entry] : log.entries()) {
        report[type] = json::object{{"count", entry.count}, {"errs", entry.examples}};
    }
    std::set<std::string> types;
    for (const auto& [type, entry] : log.entries()) {
        types.insert(type);
    }
    if (report.contains("unseen")) {
        types.insert("unseen");
    }
    for (const auto& type : types) {
        error_types.push_back(json::value(type));
        if (!is_benign(type)) {
            bad_error_types.push_back(json::value(type));
        }
    }
    CheckResult result;
    if (!bad_error_types.empty()) {
        result.valid = Validity::invalid;
    } else if (!malformed.empty() || paired.orphans > 0) {
        result.valid = Validity::unknown;
    }
    if (!malformed.empty()) {
        const auto& entry = malformed.entries().begin()->second;
        report["malformed-ops"] = json::object{{"count", entry.count}, {"errs", entry.examples}};
    }
    if (paired.orphans > 0) {
        report["orphan-completions"] = static_cast<std::int64_t>(paired.orphans);
    }
    report["error-types"] = std::move(error_types);
    report["bad-error-types"] = std::move(bad_error_types);
    report["info-txn-causes"] = std::move(info_causes);
    report["valid?"] = result.valid == Validity::valid     ? json::value(true)
                       : result.valid == Validity::invalid ? json::value(false)
                                                           : json::value("unknown");
    result.report = std::move(report);
    return result;
}

}  // namespace sim
