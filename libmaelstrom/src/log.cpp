#include "maelstrom/log.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <string>

namespace maelstrom {
namespace {

log_level level_from_environment() noexcept {
    const char* value = std::getenv("MAELSTROM_LOG");
    if (value == nullptr) {
        return log_level::info;
    }
    const std::string_view name(value);
    if (name == "error") {
        return log_level::error;
    }
    if (name == "warn") {
        return log_level::warn;
    }
    if (name == "debug") {
        return log_level::debug;
    }
    return log_level::info;
}

std::atomic<log_level>& level_setting() noexcept {
    static std::atomic<log_level> level{level_from_environment()};
    return level;
}

struct SinkSlot {
    std::mutex mutex;
    log_sink sink;
};

SinkSlot& sink_slot() {
    static SinkSlot slot;
    return slot;
}

std::string_view level_name(log_level level) noexcept {
    switch (level) {
        case log_level::error:
            return "ERROR";
        case log_level::warn:
            return "WARN";
        case log_level::info:
            return "INFO";
        case log_level::debug:
            return "DEBUG";
    }
    return "?";
}

void write_all(int fd, std::string_view data) noexcept {
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written <= 0) {
            return;
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
}

}  // namespace

log_level current_log_level() noexcept {
    return level_setting().load(std::memory_order_relaxed);
}

void set_log_level(log_level level) noexcept {
    level_setting().store(level, std::memory_order_relaxed);
}

void set_log_sink(log_sink sink) {
    auto& slot = sink_slot();
    std::lock_guard lock(slot.mutex);
    slot.sink = std::move(sink);
}

void write_log_line(log_level level, std::string_view line) {
    auto& slot = sink_slot();
    std::lock_guard lock(slot.mutex);
    if (slot.sink) {
        slot.sink(level, line);
        return;
    }
    std::string text;
    text.reserve(line.size() + 8);
    text.append(level_name(level)).append(" ").append(line).append("\n");
    // One write per line: lines from different threads (and processes sharing
    // the pipe) never interleave.
    write_all(STDERR_FILENO, text);
}

}  // namespace maelstrom
