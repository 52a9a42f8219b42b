#pragma once
// What the served pages share: the frame with its stylesheet, and how a
// verdict looks (Maelstrom's web colours: valid blue, unknown orange,
// invalid pink).
#include <boost/json.hpp>
#include <string>

namespace sim {

// "<!DOCTYPE html>...<body>" with the shared inline stylesheet.
std::string html_page_start(const std::string& title);
inline const char* html_page_end() {
    return "</main></body></html>\n";
}

// "valid", "invalid" or "unknown" for a results' "valid?" value (missing: "unknown").
std::string verdict_name(const boost::json::value* valid);

// The CSS class verdict-<name> that colours a verdict.
inline std::string verdict_class(const std::string& name) {
    return "verdict-" + name;
}

// A number as people read it: at most `digits` decimals, no trailing zeros.
std::string format_number(double value, int digits = 2);

// A JSON value as compact text, cut after about `limit` characters.
std::string json_excerpt(const boost::json::value& value, std::size_t limit);

}  // namespace sim
