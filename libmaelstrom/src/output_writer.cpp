#include "output_writer.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "large_blocks.hpp"
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

OutputWriter::OutputWriter(int fd, std::size_t kept_capacity)
    : fd_(fd), kept_capacity_(kept_capacity == 0 ? 0 : std::max(kept_capacity, kKeptAtLeast)) {}

void OutputWriter::write(std::string_view line, bool defer) {
    write_with([line](std::string& queue) { queue.append(line); }, defer);
}

std::size_t OutputWriter::queued_bytes() {
    std::lock_guard lock(mutex_);
    return queued_.size();
}

std::size_t OutputWriter::buffer_capacity() {
    std::lock_guard lock(mutex_);
    return queued_.capacity() + writing_.capacity();
}

void OutputWriter::flush() {
    std::unique_lock lock(mutex_);
    if (flushing_) {
        // The thread that is flushing picks these lines up before it stops.
        return;
    }
    flushing_ = true;
    while (!queued_.empty()) {
        writing_.swap(queued_);
        lock.unlock();
        const bool ok = broken_ || write_fully(fd_, writing_);
        writing_.clear();
        shrink_if_larger_than(writing_, kept_capacity_);
        lock.lock();
        if (!ok) {
            broken_ = true;
            log(log_level::error, "output closed (", std::strerror(errno),
                "); further messages are dropped");
        }
    }
    flushing_ = false;
}

}  // namespace maelstrom::detail
