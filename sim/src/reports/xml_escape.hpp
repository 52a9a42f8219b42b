#pragma once
// Text placed into the bench's SVG files comes from node output and workload
// names, so it must be escaped before it becomes markup.
#include <string>
#include <string_view>

namespace sim {

inline std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace sim
