#include "reports/involved_ops.hpp"

#include <algorithm>
#include <sstream>

#include "checkers/history_util.hpp"

namespace sim {

std::vector<boost::json::value> named_values(const boost::json::object& report) {
    std::vector<boost::json::value> values;
    for (const char* key : {"lost", "unexpected", "never-read", "stale"}) {
        const auto* list = report.if_contains(key);
        if (list == nullptr || !list->is_array()) {
            continue;
        }
        for (const auto& v : list->as_array()) {
            if (!v.is_structured() && std::find(values.begin(), values.end(), v) == values.end()) {
                values.push_back(v);
            }
        }
    }
    return values;
}

std::vector<std::string> ops_carrying(const History& history,
                                      const std::vector<boost::json::value>& values,
                                      std::size_t limit) {
    std::vector<std::string> lines;
    if (values.empty()) {
        return lines;
    }
    for (const Op& op : history) {
        if (lines.size() == limit) {
            break;
        }
        if (!is_client_op(op) ||
            std::find(values.begin(), values.end(), op.value) == values.end()) {
            continue;
        }
        std::ostringstream line;
        line << '#' << op.index << "  " << static_cast<double>(op.time_ns) / 1e9 << " s  process "
             << op.process << "  :" << to_string(op.type) << "  :" << op.f << "  "
             << boost::json::serialize(op.value);
        if (op.error) {
            line << "  " << boost::json::serialize(*op.error);
        }
        lines.push_back(line.str());
    }
    return lines;
}

}  // namespace sim
