#include "run/command_line.hpp"

#include <optional>
#include <stdexcept>

namespace sim {
namespace {

// Walks `--name value` and `--name=value` pairs; calls set(name, value) for
// each and returns an error message for the first it cannot take.
template <typename Set>
std::optional<std::string> for_each_option(const std::vector<std::string>& args, Set set) {
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string name = args[i];
        std::optional<std::string> value;
        if (const auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        }
        if (!value) {
            return name + " needs a value";
        }
        if (auto error = set(name, *value)) {
            return error;
        }
    }
    return std::nullopt;
}

bool wants_help(const std::vector<std::string>& args) {
    for (const auto& arg : args) {
        if (arg == "-h" || arg == "--help") {
            return true;
        }
    }
    return false;
}

}  // namespace

std::variant<AnalyzeOptions, HelpRequested, ParseError> parse_analyze_options(
    const std::vector<std::string>& args) {
    if (wants_help(args)) {
        return HelpRequested{};
    }
    AnalyzeOptions o;
    auto error = for_each_option(
        args, [&](const std::string& name, const std::string& value) -> std::optional<std::string> {
            if (name == "-t" || name == "--test") {
                o.test = value;
            } else if (name == "--store") {
                o.store = value;
            } else {
                return "analyze: unknown option " + name;
            }
            return std::nullopt;
        });
    if (error) {
        return ParseError{*error};
    }
    return o;
}

std::variant<ServeOptions, HelpRequested, ParseError> parse_serve_options(
    const std::vector<std::string>& args) {
    if (wants_help(args)) {
        return HelpRequested{};
    }
    ServeOptions o;
    auto error = for_each_option(
        args, [&](const std::string& name, const std::string& value) -> std::optional<std::string> {
            if (name == "-b" || name == "--host") {
                o.host = value;
            } else if (name == "-p" || name == "--port") {
                try {
                    std::size_t used = 0;
                    const long port = std::stol(value, &used);
                    if (used != value.size() || port < 0 || port > 65535) {
                        throw std::out_of_range(value);
                    }
                    o.port = static_cast<std::uint16_t>(port);
                } catch (const std::exception&) {
                    return "--port: " + value + " is not a port number";
                }
            } else if (name == "--store") {
                o.store = value;
            } else {
                return "serve: unknown option " + name;
            }
            return std::nullopt;
        });
    if (error) {
        return ParseError{*error};
    }
    return o;
}

}  // namespace sim
