#include "edn_printer.hpp"

#include <algorithm>
#include <cstdio>

namespace sim {
namespace {

std::string number(const boost::json::value& v) {
    if (v.is_double()) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6g", v.get_double());
        return buf;
    }
    return boost::json::serialize(v);
}

bool is_scalar(const boost::json::value& v) {
    return !v.is_object() && !v.is_array();
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
                out += flat ? " " : "\n" + std::string(static_cast<std::size_t>(indent + 1), ' ');
            }
            out += to_edn(a[i], indent + 1);
        }
        return out + "]";
    }
    const auto& o = value.get_object();
    std::string out = "{";
    bool first = true;
    for (const auto& entry : o) {
        if (!first) {
            out += "\n" + std::string(static_cast<std::size_t>(indent + 1), ' ');
        }
        first = false;
        const std::string key = ":" + std::string(entry.key());
        out += key + " " + to_edn(entry.value(), indent + 2 + static_cast<int>(key.size()));
    }
    return out + "}";
}

}  // namespace sim
