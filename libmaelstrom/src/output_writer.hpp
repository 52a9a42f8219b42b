#pragma once
// Writes whole lines to a file descriptor from a dedicated thread. Any thread
// appends complete lines to a shared buffer; the writer thread swaps the
// buffer out and writes everything queued so far in one go, so under load one
// write(2) carries many lines and lines never interleave.
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace maelstrom::detail {

class OutputWriter {
  public:
    explicit OutputWriter(int fd);
    ~OutputWriter();
    OutputWriter(const OutputWriter&) = delete;
    OutputWriter& operator=(const OutputWriter&) = delete;

    void start();
    // `line` must end with '\n'.
    void write(std::string_view line);
    // Writes what is queued and stops the thread.
    void stop();

  private:
    void loop();

    int fd_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::string queued_;
    bool writer_waiting_ = false;
    bool stopping_ = false;
    bool broken_ = false;
    std::thread thread_;
};

// Writes all of `data`, waiting while a non-blocking descriptor is full.
// Returns false when the descriptor is closed or fails.
bool write_fully(int fd, std::string_view data) noexcept;

}  // namespace maelstrom::detail
