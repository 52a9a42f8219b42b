#include "journal_writer.hpp"

#include <boost/json.hpp>
#include <string>

namespace sim {

JournalWriter::JournalWriter(const std::filesystem::path& file) : out_(file) {}

// This runs on the delivery loop for every event, so the line is laid around the
// serialized message (the same text a node receives) instead of copying the body into a
// new object.
void JournalWriter::write(std::size_t index, const NetEvent& event, const Message& message) {
    std::string line = to_wire_line(message);
    line.pop_back();  // its newline
    out_ << R"({"id":)" << index << R"(,"time":)" << event.time_ns << R"(,"type":)"
         << (event.kind == NetEventKind::send ? R"("send")" : R"("recv")") << R"(,"message":)"
         << line << "}\n";
}

}  // namespace sim
