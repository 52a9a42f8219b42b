#include "run/resource_probe.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <charconv>
#include <string>

namespace sim {
namespace {

constexpr std::string_view kStatsPrefix = "maelstrom-stats ";

std::optional<std::int64_t> parse_integer(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) {
        return std::nullopt;
    }
    return value;
}

// /proc files report a size of 0, so they are read until EOF.
std::optional<std::string> read_small_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    std::string text;
    char buffer[256];
    for (;;) {
        const auto got = ::read(fd, buffer, sizeof buffer);
        if (got <= 0) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return text;
}

}  // namespace

std::optional<std::int64_t> rss_kib_from_statm(std::string_view statm, std::int64_t page_kib) {
    // "size resident shared text lib data dt"
    const auto first_end = statm.find(' ');
    if (first_end == std::string_view::npos) {
        return std::nullopt;
    }
    auto rest = statm.substr(first_end + 1);
    const auto second_end = rest.find_first_of(" \n");
    const auto pages = parse_integer(rest.substr(0, second_end));
    if (!pages) {
        return std::nullopt;
    }
    return *pages * page_kib;
}

bool is_stats_line(std::string_view line) {
    return line.starts_with(kStatsPrefix);
}

std::optional<std::int64_t> pending_rpcs_from_stats_line(std::string_view line) {
    if (!is_stats_line(line)) {
        return std::nullopt;
    }
    boost::system::error_code error;
    const auto value = boost::json::parse(line.substr(kStatsPrefix.size()), error);
    if (error || !value.is_object()) {
        return std::nullopt;
    }
    const auto* pending = value.get_object().if_contains("pending_rpcs");
    if (pending == nullptr) {
        return std::nullopt;
    }
    if (pending->is_uint64()) {
        return static_cast<std::int64_t>(pending->get_uint64());
    }
    if (pending->is_int64() && pending->get_int64() >= 0) {
        return pending->get_int64();
    }
    return std::nullopt;
}

std::optional<std::int64_t> count_directory_entries(const std::filesystem::path& dir) {
    DIR* handle = ::opendir(dir.c_str());
    if (handle == nullptr) {
        return std::nullopt;
    }
    std::int64_t count = 0;
    while (const dirent* entry = ::readdir(handle)) {
        const std::string_view name(entry->d_name);
        if (name != "." && name != "..") {
            ++count;
        }
    }
    ::closedir(handle);
    return count;
}

ProcessResources probe_process(pid_t pid) {
    ProcessResources resources;
    if (pid <= 0) {
        return resources;
    }
    const std::string base = "/proc/" + std::to_string(pid);
    static const std::int64_t page_kib = ::sysconf(_SC_PAGESIZE) / 1024;
    if (const auto statm = read_small_file(base + "/statm")) {
        resources.rss_kib = rss_kib_from_statm(*statm, page_kib);
    }
    resources.fds = count_directory_entries(base + "/fd");
    return resources;
}

}  // namespace sim
