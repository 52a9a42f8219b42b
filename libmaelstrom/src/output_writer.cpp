#include "output_writer.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "maelstrom/log.hpp"

namespace maelstrom::detail {

bool write_fully(int fd, std::string_view data) noexcept {
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written > 0) {
            data.remove_prefix(static_cast<std::size_t>(written));
            continue;
        }
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd ready{fd, POLLOUT, 0};
            ::poll(&ready, 1, -1);
            continue;
        }
        return false;
    }
    return true;
}

OutputWriter::OutputWriter(int fd) : fd_(fd) {}

OutputWriter::~OutputWriter() {
    stop();
}

void OutputWriter::start() {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) {
        stopping_ = false;
        thread_ = std::thread([this] { loop(); });
    }
}

void OutputWriter::write(std::string_view line) {
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        queued_.append(line);
        wake = writer_waiting_;
    }
    if (wake) {
        wake_.notify_one();
    }
}

void OutputWriter::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) {
        thread_.join();
    }
    // Lines queued while no thread ran (before start or after stop).
    std::string rest;
    {
        std::lock_guard lock(mutex_);
        rest.swap(queued_);
    }
    if (!rest.empty() && !broken_) {
        write_fully(fd_, rest);
    }
}

void OutputWriter::loop() {
    std::string batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            writer_waiting_ = true;
            wake_.wait(lock, [this] { return !queued_.empty() || stopping_; });
            writer_waiting_ = false;
            if (queued_.empty()) {
                return;
            }
            batch.swap(queued_);
        }
        if (!broken_ && !write_fully(fd_, batch)) {
            broken_ = true;
            log(log_level::error, "output closed (", std::strerror(errno),
                "); further messages are dropped");
        }
        batch.clear();
    }
}

}  // namespace maelstrom::detail
