#include "large_blocks.hpp"

#include <climits>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace maelstrom::detail {

bool return_large_blocks_to_os(std::size_t threshold) {
#if defined(__GLIBC__)
    if (threshold == 0 || threshold > static_cast<std::size_t>(INT_MAX)) {
        return false;
    }
    // Setting the mmap threshold also fixes the trim threshold at its default.
    return ::mallopt(M_MMAP_THRESHOLD, static_cast<int>(threshold)) == 1;
#else
    (void)threshold;
    return false;
#endif
}

}  // namespace maelstrom::detail
