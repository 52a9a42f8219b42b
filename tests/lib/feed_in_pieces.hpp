#pragma once
// Feeds a line parser its input in pieces of a given size, as reads of that size would.
#include <algorithm>
#include <cstddef>
#include <string>

#include "line_parser.hpp"

namespace maelstrom::testing {

inline void feed_in_pieces(detail::LineParser& parser, const std::string& input,
                           std::size_t piece) {
    for (std::size_t at = 0; at < input.size(); at += piece) {
        const auto* data = input.data() + at;
        auto size = std::min(piece, input.size() - at);
        while (size > 0) {
            const auto used = parser.consume_line(data, size);
            data += used;
            size -= used;
        }
    }
    parser.finish();
}

}  // namespace maelstrom::testing
