// The practical ceiling for an echo node: read lines from stdin, parse each
// with Boost.JSON (reusing parser memory), serialize it back and write it out
// in large batches. No routing, no threads, no reply construction.
#include <unistd.h>

#include <boost/json.hpp>
#include <cstring>
#include <string>
#include <string_view>

namespace {

void write_all(std::string_view data) {
    while (!data.empty()) {
        const auto written = ::write(STDOUT_FILENO, data.data(), data.size());
        if (written <= 0) {
            return;
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
}

}  // namespace

int main() {
    boost::json::parse_options options;
    options.max_depth = 1024;
    boost::json::parser parser({}, options);
    boost::json::serializer serializer;
    std::string pending;
    std::string out;
    char chunk[65536];
    char buffer[65536];
    for (;;) {
        const auto got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got <= 0) {
            break;
        }
        pending.append(buffer, static_cast<std::size_t>(got));
        std::size_t start = 0;
        for (auto newline = pending.find('\n'); newline != std::string::npos;
             newline = pending.find('\n', start)) {
            boost::system::error_code error;
            parser.reset();
            parser.write(pending.data() + start, newline - start, error);
            start = newline + 1;
            if (error) {
                continue;
            }
            const boost::json::value document = parser.release();
            serializer.reset(&document);
            while (!serializer.done()) {
                out.append(serializer.read(chunk));
            }
            out.push_back('\n');
        }
        pending.erase(0, start);
        write_all(out);
        out.clear();
    }
}
