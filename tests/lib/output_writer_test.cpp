// Deferred lines wait for a flush, but never past kFlushAtBytes; a buffer that holds a batch is
// kept from write to write, one that held a single huge line is not.
#include "output_writer.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

namespace {

using maelstrom::detail::OutputWriter;

class Pipe {
  public:
    Pipe() {
        EXPECT_EQ(::pipe2(fds_, O_NONBLOCK), 0);
        ::fcntl(fds_[1], F_SETPIPE_SZ, 1 << 20);
    }
    ~Pipe() {
        ::close(fds_[0]);
        ::close(fds_[1]);
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    int write_end() const { return fds_[1]; }
    std::string drain() {
        std::string got;
        char chunk[65536];
        for (;;) {
            const auto size = ::read(fds_[0], chunk, sizeof chunk);
            if (size <= 0) {
                return got;
            }
            got.append(chunk, static_cast<std::size_t>(size));
        }
    }

  private:
    int fds_[2]{-1, -1};
};

TEST(OutputWriter, DeferredLinesWaitForAFlushUpToTheBatchLimit) {
    Pipe pipe;
    OutputWriter writer(pipe.write_end(), 64 * 1024);
    const std::string line = std::string(99, 'x') + "\n";
    std::size_t written = 0;
    while (written + line.size() < OutputWriter::kFlushAtBytes) {
        writer.write(line, true);
        written += line.size();
    }
    EXPECT_EQ(pipe.drain(), "");
    writer.write(line, true);
    written += line.size();
    EXPECT_EQ(pipe.drain().size(), written);
    writer.write(line, true);
    EXPECT_EQ(pipe.drain(), "");
    writer.flush();
    EXPECT_EQ(pipe.drain(), line);
}

TEST(OutputWriter, ALineWrittenInPlaceThatFailsHalfWayLeavesNothingBehind) {
    Pipe pipe;
    OutputWriter writer(pipe.write_end());
    writer.write("first\n", true);
    EXPECT_THROW(writer.write_with(
                     [](std::string& queue) {
                         queue.append("half a li");
                         throw std::runtime_error("serializer failed");
                     },
                     true),
                 std::runtime_error);
    EXPECT_EQ(writer.queued_bytes(), std::string("first\n").size());
    writer.write_with([](std::string& queue) { queue.append("second\n"); }, false);
    EXPECT_EQ(pipe.drain(), "first\nsecond\n");
}

TEST(OutputWriter, ABatchSizedBufferIsKeptAHugeOneIsNot) {
    Pipe pipe;
    OutputWriter writer(pipe.write_end(), 64 * 1024);
    const std::string batch(OutputWriter::kFlushAtBytes * 2 - 1, 'x');
    writer.write(batch + "\n", false);
    pipe.drain();
    EXPECT_GE(writer.buffer_capacity(), batch.size());
    const std::string huge(OutputWriter::kKeptAtLeast * 2, 'x');
    writer.write(huge + "\n", false);
    pipe.drain();
    EXPECT_LT(writer.buffer_capacity(), OutputWriter::kKeptAtLeast);
}

}  // namespace
