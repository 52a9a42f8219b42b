#include "maelstrom/error.hpp"

namespace maelstrom {
namespace {

class category final : public std::error_category {
  public:
    const char* name() const noexcept override { return "maelstrom"; }
    std::string message(int value) const override {
        return error_name(static_cast<error_code>(value));
    }
};

}  // namespace

const std::error_category& maelstrom_category() noexcept {
    static const category instance;
    return instance;
}

std::error_code make_error_code(error_code code) noexcept {
    return {static_cast<int>(code), maelstrom_category()};
}

std::string error_name(error_code code) {
    switch (code) {
        case error_code::timeout:
            return "timeout";
        case error_code::node_not_found:
            return "node-not-found";
        case error_code::not_supported:
            return "not-supported";
        case error_code::temporarily_unavailable:
            return "temporarily-unavailable";
        case error_code::malformed_request:
            return "malformed-request";
        case error_code::crash:
            return "crash";
        case error_code::abort:
            return "abort";
        case error_code::key_does_not_exist:
            return "key-does-not-exist";
        case error_code::key_already_exists:
            return "key-already-exists";
        case error_code::precondition_failed:
            return "precondition-failed";
        case error_code::txn_conflict:
            return "txn-conflict";
    }
    const auto value = static_cast<std::int64_t>(code);
    return (value >= 1000 ? "user-error-" : "unknown-error-") + std::to_string(value);
}

bool is_definite(error_code code) noexcept {
    switch (code) {
        case error_code::node_not_found:
        case error_code::not_supported:
        case error_code::temporarily_unavailable:
        case error_code::malformed_request:
        case error_code::abort:
        case error_code::key_does_not_exist:
        case error_code::key_already_exists:
        case error_code::precondition_failed:
        case error_code::txn_conflict:
            return true;
        case error_code::timeout:
        case error_code::crash:
            return false;
    }
    return false;
}

rpc_error::rpc_error(error_code code, std::string text)
    : std::runtime_error(error_name(code) + (text.empty() ? "" : ": " + text)),
      code_(code),
      text_(std::move(text)) {}

std::optional<rpc_error> detail::rpc_error_of(std::exception_ptr error) {
    if (!error) {
        return std::nullopt;
    }
    try {
        std::rethrow_exception(error);
    } catch (const rpc_error& e) {
        return e;
    } catch (const std::exception& e) {
        return rpc_error(error_code::crash, e.what());
    } catch (...) {
        return rpc_error(error_code::crash, "non-standard exception");
    }
}

}  // namespace maelstrom
