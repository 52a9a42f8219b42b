#pragma once
// Options of the `analyze` and `serve` commands (Maelstrom's names and
// defaults), plus the bench's --store. `test` options are in options.hpp.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "run/options.hpp"

namespace sim {

struct AnalyzeOptions {
    std::string test = "-1";  // -t/--test INDEX_OR_PATH
    std::string store = "store";
};

struct ServeOptions {
    std::string host = "0.0.0.0";
    std::uint16_t port = 8080;
    std::string store = "store";
};

// argv excludes the program name: {"analyze", "-t", "-2"}.
std::variant<AnalyzeOptions, HelpRequested, ParseError> parse_analyze_options(
    const std::vector<std::string>& args);
std::variant<ServeOptions, HelpRequested, ParseError> parse_serve_options(
    const std::vector<std::string>& args);

}  // namespace sim
