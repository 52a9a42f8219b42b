#include "run/error_codes.hpp"

namespace sim {

ErrorCodeInfo error_code_info(long long code) {
    switch (code) {
        case 0:
            return {"timeout", false};
        case 1:
            return {"node-not-found", true};
        case 10:
            return {"not-supported", true};
        case 11:
            return {"temporarily-unavailable", true};
        case 12:
            return {"malformed-request", true};
        case 13:
            return {"crash", false};
        case 14:
            return {"abort", true};
        case 20:
            return {"key-does-not-exist", true};
        case 21:
            return {"key-already-exists", true};
        case 22:
            return {"precondition-failed", true};
        case 30:
            return {"txn-conflict", true};
        default:
            return {"unknown", false};
    }
}

}  // namespace sim
