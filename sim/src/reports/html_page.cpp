#include "reports/html_page.hpp"

#include <cstdio>

#include "reports/xml_escape.hpp"

namespace sim {
namespace {

// Sized for a laptop screen; every wide thing wraps or scrolls in its own box
// so that the page never scrolls sideways.
constexpr const char* kStyle = R"(
* { box-sizing: border-box; }
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0;
       color: #222; background: #f6f7f9; font-size: 14px; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 20px 40px; }
h1 { font-size: 22px; margin: 8px 0 14px; }
h2 { font-size: 17px; margin: 22px 0 8px; }
a { color: #1a5fb4; text-decoration: none; }
a:hover { text-decoration: underline; }
nav { font-size: 13px; color: #666; margin-bottom: 4px; }
table { border-collapse: collapse; width: 100%; background: white;
        box-shadow: 0 1px 2px rgba(0,0,0,0.08); }
th, td { padding: 6px 10px; text-align: left; border-bottom: 1px solid #eee;
         vertical-align: top; }
th { font-size: 12px; color: #555; font-weight: 600; background: #fafafa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 3px; font-weight: 600; }
.verdict-valid { background: #6DB6FE; }
.verdict-invalid { background: #FEB5DA; }
.verdict-unknown { background: #FFAA26; }
.banner { padding: 14px 18px; border-radius: 4px; margin-bottom: 16px; }
.banner h1 { margin: 0 0 6px; }
.facts { color: #333; font-size: 13px; }
.card { background: white; padding: 12px 16px; margin: 10px 0; border-radius: 4px;
        box-shadow: 0 1px 2px rgba(0,0,0,0.08); }
.card h3 { margin: 0 0 8px; font-size: 15px; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 14px; margin: 0; }
dt { font-weight: 600; color: #444; }
dd { margin: 0; min-width: 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font-size: 12px;
      max-height: 16em; overflow-y: auto; background: #f7f7f7; padding: 4px 6px; }
.links a { display: inline-block; margin: 0 14px 6px 0; }
.plot img { max-width: 100%; height: auto; background: white; display: block;
            margin: 8px 0; box-shadow: 0 1px 2px rgba(0,0,0,0.08); }
.muted { color: #777; }
td[class^="verdict-"] a { color: #1b1b1b; font-weight: 600; }
)";

}  // namespace

std::string html_page_start(const std::string& title) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" "
           "content=\"width=device-width, initial-scale=1\">\n<title>" +
           xml_escape(title) + "</title>\n<style>" + kStyle + "</style></head><body><main>\n";
}

std::string verdict_name(const boost::json::value* valid) {
    if (valid != nullptr && valid->is_bool()) {
        return valid->as_bool() ? "valid" : "invalid";
    }
    return "unknown";
}

std::string format_number(double value, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, value);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') {
            s.pop_back();
        }
        if (s.back() == '.') {
            s.pop_back();
        }
    }
    return s;
}

std::string json_excerpt(const boost::json::value& value, std::size_t limit) {
    std::string s =
        value.is_string() ? std::string(value.as_string()) : boost::json::serialize(value);
    if (s.size() > limit) {
        s = s.substr(0, limit) + " ...";
    }
    return s;
}

}  // namespace sim
