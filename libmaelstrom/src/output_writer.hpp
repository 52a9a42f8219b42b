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
    // A buffer that grew past `kept_capacity` bytes for one large batch is released once that
    // batch is written (0: buffers keep what they grew to).
    explicit OutputWriter(int fd, std::size_t kept_capacity = 0);
    OutputWriter(const OutputWriter&) = delete;
    OutputWriter& operator=(const OutputWriter&) = delete;

    // Deferred lines are written once this many bytes wait, whatever the caller promised, so
    // that one write(2) fits a pipe's 64 KiB buffer.
    static constexpr std::size_t kFlushAtBytes = 48 * 1024;
    // Lines keep arriving while a write is under way, so a buffer can pass kFlushAtBytes before
    // it is written; one that stays within a few batches is kept whatever `kept_capacity` says,
    // or a busy node would map and unmap a buffer for every write.
    static constexpr std::size_t kKeptAtLeast = 256 * 1024;

    // `line` must end with '\n'. With defer, the line waits for the next
    // flush() (the caller promises one).
    void write(std::string_view line, bool defer);
    // As write, for a line that `fill(std::string& queue)` appends straight to the queue (no
    // copy through a buffer of its own); a fill that throws leaves the queue as it was.
    template <class Fill>
    void write_with(Fill&& fill, bool defer) {
        bool full = false;
        {
            std::lock_guard lock(mutex_);
            const auto before = queued_.size();
            try {
                fill(queued_);
            } catch (...) {
                queued_.resize(before);
                throw;
            }
            full = queued_.size() >= kFlushAtBytes;
        }
        if (!defer || full) {
            flush();
        }
    }
    void flush();
    std::size_t queued_bytes();
    // What the two buffers hold allocated, written or not.
    std::size_t buffer_capacity();

  private:
    int fd_;
    std::size_t kept_capacity_;
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
