#pragma once
// Which forwarded sends an owner has stored, so that a retried one is stored only once.
// A request id is "<origin node>-<n>", n counting up from 0 at each origin. Only the latest
// `window` numbers of each origin are remembered, with the offset each got: far more than
// arrive while a forwarder still retries (its retries stop after about 4.2 s), and the
// ledger stays bounded however long the run. A request numbered below an origin's window
// is too old to store: its forwarder gave up on it long ago, so the send is indeterminate
// whether or not it was stored, and storing it now could store it twice.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace kafka {

struct RequestId {
    std::string origin;
    std::int64_t number = 0;

    // nullopt unless the text is "<origin>-<n>" with a non-empty origin and n >= 0.
    static std::optional<RequestId> parse(const std::string& text);
};

class RequestLedger {
  public:
    static constexpr std::int64_t kDefaultWindow = 16384;

    explicit RequestLedger(std::int64_t window = kDefaultWindow) : window_(window) {}

    enum class Status { fresh, stored, too_old };
    struct Lookup {
        Status status = Status::fresh;
        std::int64_t offset = -1;  // when stored
    };
    Lookup find(const RequestId& id) const;
    void record(const RequestId& id, std::int64_t offset);

    // Offsets held, over all origins: at most origins x window.
    std::size_t offsets_kept() const;

  private:
    struct Origin {
        std::int64_t window_start = 0;  // numbers below it are too old
        std::map<std::int64_t, std::int64_t> offsets;
    };
    std::int64_t window_;
    std::map<std::string, Origin> origins_;
};

}  // namespace kafka
