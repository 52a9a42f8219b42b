#include "network/message.hpp"

#include <string>

namespace sim {

// The envelope is laid around the serialized body instead of copying the body
// into an envelope object: this runs once per delivery, and a fan-out hands
// over tens of messages at the same instant.
std::string to_wire_line(const Message& message) {
    const std::string body = boost::json::serialize(message.body);
    std::string line;
    line.reserve(body.size() + message.src.size() + message.dest.size() + 48);
    line += R"({"id":)";
    line += std::to_string(message.id);
    line += R"(,"src":)";
    line += boost::json::serialize(boost::json::string_view(message.src));
    line += R"(,"dest":)";
    line += boost::json::serialize(boost::json::string_view(message.dest));
    line += R"(,"body":)";
    line += body;
    line += "}\n";
    return line;
}

}  // namespace sim
