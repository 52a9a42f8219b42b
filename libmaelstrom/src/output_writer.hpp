#pragma once
// Writes whole lines to a file descriptor. Any thread appends complete lines
// to a shared buffer under a mutex; flushing is combined: the first thread to
// flush writes everything queued (including lines other threads add
// meanwhile) while the others return at once. Lines never interleave, and a
// thread that handles a batch of requests can defer its flush so that one
// write(2) carries many replies.
#include <mutex>
#include <string>
#include <string_view>

namespace maelstrom::detail {

class OutputWriter {
  public:
    explicit OutputWriter(int fd);
    OutputWriter(const OutputWriter&) = delete;
    OutputWriter& operator=(const OutputWriter&) = delete;

    // `line` must end with '\n'. With defer, the line waits for the next
    // flush() (the caller promises one).
    void write(std::string_view line, bool defer);
    void flush();
    std::size_t queued_bytes();

  private:
    int fd_;
    std::mutex mutex_;
    std::string queued_;
    std::string writing_;
    bool flushing_ = false;
    bool broken_ = false;
};

// Writes all of `data`, waiting while a non-blocking descriptor is full.
// Returns false when the descriptor is closed or fails.
bool write_fully(int fd, std::string_view data) noexcept;

}  // namespace maelstrom::detail
