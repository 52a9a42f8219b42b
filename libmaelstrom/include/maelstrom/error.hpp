#pragma once
// Maelstrom's error codes (protocol.md section 6) as a std::error_code
// family, and the exception every RPC style reports failures with.
#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>

namespace maelstrom {

// Codes 0-999 belong to Maelstrom; any value >= 1000 is a user code and may be
// used through static_cast<error_code>(n).
enum class error_code : std::int64_t {
    timeout = 0,
    node_not_found = 1,
    not_supported = 10,
    temporarily_unavailable = 11,
    malformed_request = 12,
    crash = 13,
    abort = 14,
    key_does_not_exist = 20,
    key_already_exists = 21,
    precondition_failed = 22,
    txn_conflict = 30,
};

// The category whose name() is "maelstrom"; message() gives Maelstrom's
// dashed name ("key-does-not-exist"), or "user-error-<n>"/"unknown-error-<n>".
const std::error_category& maelstrom_category() noexcept;

std::error_code make_error_code(error_code code) noexcept;

// Maelstrom's dashed name of a code, e.g. "txn-conflict".
std::string error_name(error_code code);

// A definite error guarantees the request had no effect. Codes Maelstrom does
// not define (including user codes) are indefinite, as Maelstrom treats them.
bool is_definite(error_code code) noexcept;

// Thrown by (and delivered to) every RPC style when a request fails: an error
// reply from the peer, a timeout, a cancellation, or node shutdown.
class rpc_error : public std::runtime_error {
  public:
    rpc_error(error_code code, std::string text);

    error_code code() const noexcept { return code_; }
    const std::string& text() const noexcept { return text_; }
    bool definite() const noexcept { return is_definite(code_); }

  private:
    error_code code_;
    std::string text_;
};

namespace detail {
// The failure a callback-style completion reports, as the rpc_error it is (or
// error 13 for anything else, such as a reply value that did not convert);
// nullopt on success.
std::optional<rpc_error> rpc_error_of(std::exception_ptr error);
}  // namespace detail

}  // namespace maelstrom

template <>
struct std::is_error_code_enum<maelstrom::error_code> : std::true_type {};
