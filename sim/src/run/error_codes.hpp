#pragma once
// Maelstrom's error codes (protocol.md section 6).
#include <string>

namespace sim {

struct ErrorCodeInfo {
    std::string name;
    bool definite;
};

// Codes outside the table are "unknown" and indefinite.
ErrorCodeInfo error_code_info(long long code);

}  // namespace sim
