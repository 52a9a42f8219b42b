#include <algorithm>
#include <map>
#include <stdexcept>

#include "checkers/history_util.hpp"
#include "checkers/workload_checkers.hpp"

namespace sim {
namespace {

// Clojure's compare on the JSON shapes ids take: numbers, strings, vectors
// (shorter first, then element-wise). Anything else is incomparable.
int compare_ids(const boost::json::value& a, const boost::json::value& b) {
    if (a.is_number() && b.is_number()) {
        const double x = a.to_number<double>();
        const double y = b.to_number<double>();
        return x < y ? -1 : (y < x ? 1 : 0);
    }
    if (a.is_string() && b.is_string()) {
        const int c = a.get_string().compare(b.get_string());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (a.is_array() && b.is_array()) {
        const auto& x = a.get_array();
        const auto& y = b.get_array();
        if (x.size() != y.size()) {
            return x.size() < y.size() ? -1 : 1;
        }
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (int c = compare_ids(x[i], y[i]); c != 0) {
                return c;
            }
        }
        return 0;
    }
    throw std::invalid_argument("ids " + boost::json::serialize(a) + " and " +
                                boost::json::serialize(b) + " are not comparable");
}

}  // namespace

CheckResult check_unique_ids(const History& history) {
    std::int64_t attempted = 0;
    std::int64_t acknowledged = 0;
    std::map<std::string, std::pair<std::int64_t, boost::json::value>> seen;
    for (const auto& op : history) {
        if (op.f != "generate" || !is_client_op(op)) {
            continue;
        }
        if (op.type == OpType::invoke) {
            ++attempted;
        } else if (op.type == OpType::ok) {
            ++acknowledged;
            auto& entry = seen[boost::json::serialize(op.value)];
            ++entry.first;
            entry.second = op.value;
        }
    }
    std::vector<std::pair<std::int64_t, boost::json::value>> duplicated;
    for (const auto& [key, entry] : seen) {
        if (entry.first > 1) {
            duplicated.push_back(entry);
        }
    }
    std::stable_sort(duplicated.begin(), duplicated.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    boost::json::array duplicated_json;
    for (std::size_t i = 0; i < duplicated.size() && i < 48; ++i) {
        duplicated_json.push_back(boost::json::array{duplicated[i].second, duplicated[i].first});
    }
    CheckResult result;
    const bool valid = duplicated.empty();
    result.report = {{"valid?", valid},
                     {"attempted-count", attempted},
                     {"acknowledged-count", acknowledged},
                     {"duplicated-count", static_cast<std::int64_t>(duplicated.size())},
                     {"duplicated", std::move(duplicated_json)}};
    result.valid = valid ? Validity::valid : Validity::invalid;
    try {
        const boost::json::value* lo = nullptr;
        const boost::json::value* hi = nullptr;
        for (const auto& [key, entry] : seen) {
            if (lo == nullptr || compare_ids(entry.second, *lo) < 0) {
                lo = &entry.second;
            }
            if (hi == nullptr || compare_ids(entry.second, *hi) > 0) {
                hi = &entry.second;
            }
        }
        if (lo != nullptr) {
            result.report["range"] = boost::json::array{*lo, *hi};
        }
    } catch (const std::invalid_argument& e) {
        // Maelstrom's checker throws here, which makes the workload unknown.
        result.report["valid?"] = "unknown";
        result.report["error"] = e.what();
        if (result.valid == Validity::valid) {
            result.valid = Validity::unknown;
        }
    }
    return result;
}

}  // namespace sim
