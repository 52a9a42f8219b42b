#pragma once
// One replica of the key-value registers. A local transaction runs
// atomically against it and yields the write set to replicate: the final
// value of every key it wrote, under one version. A replicated write set is
// applied atomically too, each key keeping its highest-versioned write.
// Not thread-safe: the node serialises access.
#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "version.hpp"

namespace txn {

namespace json = boost::json;

struct WriteSet {
    Version version;
    // [key, value] pairs; keys keep their JSON form.
    std::vector<std::pair<json::value, json::value>> writes;
};
BOOST_DESCRIBE_STRUCT(WriteSet, (), (version, writes))

struct TxnResult {
    json::array completed;  // the transaction with its reads filled in
    WriteSet replicated;    // empty writes when the transaction only read
};

class RegisterStore {
  public:
    explicit RegisterStore(std::int64_t node_index) : node_index_(node_index) {}

    // Runs [[f, key, value], ...]; throws std::invalid_argument on a malformed
    // operation before changing anything.
    TxnResult execute(const json::array& operations);
    void apply(const WriteSet& remote);

    // The current value of key, null if never written.
    json::value read(const json::value& key) const;
    std::int64_t clock() const noexcept { return clock_; }

  private:
    struct Register {
        json::value value;
        Version version;
    };
    void install(const json::value& key, json::value value, const Version& version);

    std::int64_t node_index_;
    std::int64_t clock_ = 0;
    std::map<std::string, Register> registers_;
};

}  // namespace txn
