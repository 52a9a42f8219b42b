#include "reports/edn_printer.hpp"

#include <algorithm>
#include <cstdio>

namespace sim {
namespace {

std::string number(const boost::json::value& v) {
    if (v.is_double()) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6g", v.get_double());
        std::string text = buf;
        if (text.find_first_of(".e") == std::string::npos) {
            text += ".0";  // keep doubles recognisable, as Clojure prints them
        }
        return text;
    }
    return boost::json::serialize(v);
}

bool is_scalar(const boost::json::value& v) {
    return !v.is_object() && !v.is_array();
}

// Appending in place rather than building "\n" + indent keeps g++ 12's -O3
// from flagging a spurious overlapping memcpy (-Wrestrict) in the temporary.
void append_separator(std::string& out, bool flat, int indent) {
    if (flat) {
        out += ' ';
        return;
    }
    out += '\n';
    out.append(static_cast<std::size_t>(indent), ' ');
}

}  // namespace

std::string to_edn(const boost::json::value& value, int indent) {
    if (value.is_bool()) {
        return value.get_bool() ? "true" : "false";
    }
    if (value.is_null()) {
        return "nil";
    }
    if (value.is_number()) {
        return number(value);
    }
    if (value.is_string()) {
        return value.get_string() == "unknown" ? ":unknown" : boost::json::serialize(value);
    }
    if (value.is_array()) {
        const auto& a = value.get_array();
        std::string out = "[";
        const bool flat = std::all_of(a.begin(), a.end(), is_scalar);
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (i > 0) {
                append_separator(out, flat, indent + 1);
            }
            out += to_edn(a[i], indent + 1);
        }
        return out + "]";
    }
    const auto& o = value.get_object();
    if (std::all_of(o.begin(), o.end(), [](const auto& e) { return is_scalar(e.value()); })) {
        std::string line = "{";
        for (const auto& entry : o) {
            const std::string name(entry.key());
            const bool numeric =
                !name.empty() && name.find_first_not_of("0123456789.") == std::string::npos;
            line += (line.size() > 1 ? ", " : "") + (numeric ? name : ":" + name) + " " +
                    to_edn(entry.value(), 0);
        }
        line += "}";
        if (line.size() + static_cast<std::size_t>(indent) <= 100) {
            return line;
        }
    }
    std::string out = "{";
    bool first = true;
    for (const auto& entry : o) {
        if (!first) {
            append_separator(out, false, indent + 1);
        }
        first = false;
        const std::string name(entry.key());
        const bool numeric =
            !name.empty() && name.find_first_not_of("0123456789.") == std::string::npos;
        const std::string key = numeric ? name : ":" + name;
        out += key + " " + to_edn(entry.value(), indent + 2 + static_cast<int>(key.size()));
    }
    return out + "}";
}

}  // namespace sim
