#pragma once
// Keeps a node's memory following its live data. Each time glibc frees a mapped block it raises
// the size from which blocks are mapped to that block's, and the free space the heap keeps
// rather than giving back to twice that; freed replies then stay resident as holes in the
// heap. A node whose replies grow with its data, as broadcast's read_ok lists every value,
// keeps the high-water mark of its replies for the rest of the run.
#include <cstddef>
#include <string>

namespace maelstrom::detail {

// From now on, a block of at least `threshold` bytes that the heap's free space cannot serve is
// mapped from the OS and unmapped when freed, and free space at the top of the heap beyond
// glibc's 128 KiB is given back; neither limit moves any more. 0 leaves the allocator as it is.
// Process-wide; a no-op where the C library is not glibc. Returns whether the allocator took
// the setting.
bool return_large_blocks_to_os(std::size_t threshold);

// A reused output buffer that grew past `limit` for one large message is given back rather
// than kept for the life of its thread.
inline void shrink_if_larger_than(std::string& buffer, std::size_t limit) {
    if (limit > 0 && buffer.capacity() > limit) {
        std::string().swap(buffer);
    }
}

}  // namespace maelstrom::detail
