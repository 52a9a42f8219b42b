#include "reports/journal_writer.hpp"

#include <boost/json.hpp>
#include <string>

namespace sim {

JournalWriter::JournalWriter(const std::filesystem::path& file) : out_(file) {}

// This runs on the delivery loop for every event, so the line is laid around the message's
// wire line (the same text a node receives, serialized once at send) instead of copying the
// body into a new object.
void JournalWriter::write(std::size_t index, const NetEvent& event, const Message& message) {
    const std::string laid = message.wire.empty() ? to_wire_line(message) : std::string();
    std::string_view line = message.wire.empty() ? laid : message.wire;
    line.remove_suffix(1);  // its newline
    out_ << R"({"id":)" << index << R"(,"time":)" << event.time_ns << R"(,"type":)"
         << (event.kind == NetEventKind::send ? R"("send")" : R"("recv")") << R"(,"due":)"
         << event.due_ns << R"(,"message":)" << line << "}\n";
}

}  // namespace sim
