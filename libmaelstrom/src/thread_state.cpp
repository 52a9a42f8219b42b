#include "thread_state.hpp"

#include <sys/syscall.h>
#include <unistd.h>

#include <fstream>
#include <string>

namespace maelstrom::detail {

long current_thread_id() noexcept {
    return static_cast<long>(::syscall(SYS_gettid));
}

bool thread_is_runnable(long tid) {
    // The state is the field after the parenthesised command name (proc(5)).
    std::ifstream stat("/proc/self/task/" + std::to_string(tid) + "/stat");
    std::string text;
    if (!std::getline(stat, text)) {
        return false;
    }
    const auto name_end = text.rfind(')');
    return name_end != std::string::npos && name_end + 2 < text.size() && text[name_end + 2] == 'R';
}

}  // namespace maelstrom::detail
