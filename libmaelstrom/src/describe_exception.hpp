#pragma once
// What a caught exception says, for the log lines of the places that must not let one escape.
#include <exception>
#include <string>

namespace maelstrom::detail {

inline std::string describe_exception(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "non-standard exception";
    }
}

}  // namespace maelstrom::detail
