#include "message.hpp"

namespace sim {

std::string to_wire_line(const Message& message) {
    boost::json::object envelope;
    envelope["id"] = message.id;
    envelope["src"] = message.src;
    envelope["dest"] = message.dest;
    envelope["body"] = message.body;
    std::string line = boost::json::serialize(envelope);
    line.push_back('\n');
    return line;
}

}  // namespace sim
