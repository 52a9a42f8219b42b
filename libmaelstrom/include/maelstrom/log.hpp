#pragma once
// Logging to stderr. Each call emits one whole line with a single write, so
// lines from different threads never interleave. The level comes from the
// environment variable MAELSTROM_LOG (error, warn, info, debug; default info).
#include <functional>
#include <sstream>
#include <string>
#include <string_view>

namespace maelstrom {

enum class log_level { error = 0, warn = 1, info = 2, debug = 3 };

// Messages above this level are discarded before they are formatted.
log_level current_log_level() noexcept;
void set_log_level(log_level level) noexcept;

// Replaces the stderr writer (for tests or embedding); an empty function
// restores stderr. The sink receives the line without the trailing newline.
using log_sink = std::function<void(log_level, std::string_view)>;
void set_log_sink(log_sink sink);

// Writes one already formatted line at the given level.
void write_log_line(log_level level, std::string_view line);

inline bool log_enabled(log_level level) noexcept {
    return level <= current_log_level();
}

namespace detail {
// Kept out of line and out of the hot code's way: a stream's construction, inlined at every
// call site, would spread each caller's common path over many more instruction cache lines.
template <class... Args>
[[gnu::cold, gnu::noinline]] void format_log_line(log_level level, const Args&... args) {
    std::ostringstream line;
    (line << ... << args);
    write_log_line(level, line.str());
}
}  // namespace detail

// maelstrom::log(log_level::info, "n1 received ", count, " messages");
template <class... Args>
void log(log_level level, const Args&... args) {
    if (log_enabled(level)) {
        detail::format_log_line(level, args...);
    }
}

}  // namespace maelstrom
