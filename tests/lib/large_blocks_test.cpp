#include "large_blocks.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "output_writer.hpp"

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

TEST(LargeBlocks, ABufferThatGrewPastTheLimitIsReleased) {
    std::string buffer(1 << 20, 'x');
    buffer.clear();
    maelstrom::detail::shrink_if_larger_than(buffer, 64 * 1024);
    EXPECT_LT(buffer.capacity(), 64U * 1024);

    std::string small(1000, 'x');
    const auto kept = small.capacity();
    maelstrom::detail::shrink_if_larger_than(small, 64 * 1024);
    EXPECT_EQ(small.capacity(), kept);

    std::string unlimited(1 << 20, 'x');
    maelstrom::detail::shrink_if_larger_than(unlimited, 0);
    EXPECT_GE(unlimited.capacity(), 1U << 20);
}

TEST(LargeBlocks, TheOutputWriterKeepsNoLargeBufferOnceALargeLineIsWritten) {
    const int sink = ::open("/dev/null", O_WRONLY);
    ASSERT_GE(sink, 0);
    const std::string line = std::string(1 << 20, 'x') + "\n";
    maelstrom::detail::OutputWriter bounded(sink, 64 * 1024);
    bounded.write(line, false);
    EXPECT_LT(bounded.buffer_capacity(), 64U * 1024);
    maelstrom::detail::OutputWriter unbounded(sink, 0);
    unbounded.write(line, false);
    EXPECT_GE(unbounded.buffer_capacity(), line.size());
    ::close(sink);
}

// In a child, so that the setting (process-wide, and possibly made already by a node another
// test constructed) is chosen here. With the threshold at 3 MiB and the heap trimmed, a 2 MiB
// block extends the heap and a 4 MiB one is mapped from the OS; glibc's default (128 KiB) or a
// node's 64 KiB would map both.
TEST(LargeBlocks, BlocksFromTheThresholdUpComeFromTheOs) {
#if !defined(__GLIBC__)
    GTEST_SKIP() << "the threshold is a glibc setting";
#else
    if (kSanitized) {
        GTEST_SKIP() << "a sanitizer's allocator replaces glibc's";
    }
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        if (!maelstrom::detail::return_large_blocks_to_os(3 << 20)) {
            ::_exit(2);
        }
        ::malloc_trim(0);
        const auto mapped = [] { return ::mallinfo2().hblks; };
        const auto before = mapped();
        // volatile: an allocation whose pointer is never used may be left out altogether.
        void* volatile below = std::malloc(2 << 20);
        const bool below_mapped = mapped() != before;
        void* volatile above = std::malloc(4 << 20);
        const bool above_mapped = mapped() == before + (below_mapped ? 2 : 1);
        std::free(above);
        std::free(below);
        ::_exit(above_mapped && !below_mapped ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_FALSE(maelstrom::detail::return_large_blocks_to_os(0));
#endif
}

}  // namespace
