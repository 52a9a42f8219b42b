#include "checkers/stats.hpp"

#include <map>

#include "checkers/history_util.hpp"

namespace sim {
namespace {

struct Counts {
    std::int64_t count = 0, ok = 0, fail = 0, info = 0;
    boost::json::object to_json() const {
        return {{"valid?", ok > 0},
                {"count", count},
                {"ok-count", ok},
                {"fail-count", fail},
                {"info-count", info}};
    }
    void add(OpType type) {
        ++count;
        ok += type == OpType::ok ? 1 : 0;
        fail += type == OpType::fail ? 1 : 0;
        info += type == OpType::info ? 1 : 0;
    }
};

}  // namespace

CheckResult check_stats(const History& history) {
    Counts all;
    std::map<std::string, Counts> by_f;
    for (const auto& op : history) {
        if (!is_client_op(op) || op.type == OpType::invoke) {
            continue;
        }
        all.add(op.type);
        by_f[op.f].add(op.type);
    }
    bool valid = true;
    boost::json::object by_f_json;
    for (const auto& [f, counts] : by_f) {
        by_f_json[f] = counts.to_json();
        if (counts.ok == 0 && f != "crash" && f != "debug-topic-partitions") {
            valid = false;
        }
    }
    CheckResult result;
    result.report = all.to_json();
    result.report["valid?"] = valid;
    result.report["by-f"] = std::move(by_f_json);
    result.valid = valid ? Validity::valid : Validity::invalid;
    return result;
}

CheckResult check_availability(const History& history, std::optional<double> expected) {
    std::int64_t invocations = 0;
    std::int64_t oks = 0;
    for (const auto& op : history) {
        if (!is_client_op(op)) {
            continue;
        }
        invocations += op.type == OpType::invoke ? 1 : 0;
        oks += op.type == OpType::ok ? 1 : 0;
    }
    const double fraction =
        invocations == 0 ? 1.0 : static_cast<double>(oks) / static_cast<double>(invocations);
    CheckResult result;
    const bool valid = !expected || fraction >= *expected;
    result.valid = valid ? Validity::valid : Validity::invalid;
    result.report = {{"valid?", valid}, {"ok-fraction", fraction}};
    return result;
}

CheckResult check_exceptions(const History& history) {
    // Grouped like Maelstrom's :class: the message without the offending
    // body, which differs from op to op.
    std::map<std::string, std::pair<std::int64_t, const Op*>> by_kind;
    for (const auto& op : history) {
        if (op.exception) {
            const std::string& text = *op.exception;
            auto& entry = by_kind[text.substr(0, text.find(" in {"))];
            ++entry.first;
            entry.second = entry.second != nullptr ? entry.second : &op;
        }
    }
    CheckResult result;
    result.report["valid?"] = true;
    if (!by_kind.empty()) {
        boost::json::array list;
        for (const auto& [kind, entry] : by_kind) {
            list.push_back(boost::json::object{{"class", kind},
                                               {"count", entry.first},
                                               {"example", *entry.second->exception},
                                               {"example-f", entry.second->f}});
        }
        result.report["exceptions"] = std::move(list);
    }
    return result;
}

}  // namespace sim
