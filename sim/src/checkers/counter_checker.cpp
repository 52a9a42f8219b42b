#include <algorithm>

#include "checkers/history_util.hpp"
#include "checkers/workload_checkers.hpp"

namespace sim {
namespace {

using Range = std::pair<std::int64_t, std::int64_t>;

std::vector<Range> merged(std::vector<Range> ranges) {
    std::sort(ranges.begin(), ranges.end());
    std::vector<Range> out;
    for (const auto& r : ranges) {
        if (!out.empty() && r.first <= out.back().second + 1) {
            out.back().second = std::max(out.back().second, r.second);
        } else {
            out.push_back(r);
        }
    }
    return out;
}

}  // namespace

CheckResult check_counter(const History& history) {
    std::int64_t definite = 0;
    std::vector<std::int64_t> maybe;
    for (const auto& op : history) {
        if (op.f != "add" || !is_client_op(op) || !op.value.is_int64()) {
            continue;
        }
        if (op.type == OpType::ok) {
            definite += op.value.get_int64();
        } else if (op.type == OpType::info) {
            maybe.push_back(op.value.get_int64());
        }
    }
    std::vector<Range> acceptable{{definite, definite}};
    for (const std::int64_t d : maybe) {
        std::vector<Range> next = acceptable;
        for (const auto& r : acceptable) {
            next.emplace_back(r.first + d, r.second + d);
        }
        acceptable = merged(std::move(next));
    }
    boost::json::array errors;
    boost::json::array final_reads;
    for (const auto& op : history) {
        if (op.f != "read" || op.type != OpType::ok || !op.final || !is_client_op(op)) {
            continue;
        }
        final_reads.push_back(op.value);
        bool ok = false;
        if (op.value.is_int64()) {
            const auto v = op.value.get_int64();
            ok = std::any_of(acceptable.begin(), acceptable.end(),
                             [v](const Range& r) { return r.first <= v && v <= r.second; });
        }
        if (!ok) {
            errors.push_back(boost::json::object{
                {"index", op.index}, {"process", op.process}, {"value", op.value}});
        }
    }
    boost::json::array acceptable_json;
    for (const auto& r : acceptable) {
        acceptable_json.push_back(boost::json::array{r.first, r.second});
    }
    CheckResult result;
    result.valid = errors.empty() ? Validity::valid : Validity::invalid;
    result.report = {{"valid?", errors.empty()},
                     {"errors", errors.empty() ? boost::json::value(nullptr)
                                               : boost::json::value(std::move(errors))},
                     {"final-reads", std::move(final_reads)},
                     {"acceptable", std::move(acceptable_json)}};
    return result;
}

}  // namespace sim
