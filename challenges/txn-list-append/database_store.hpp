#pragma once
// Where the encoded database lives: one value that only compare-and-set
// changes. The node keeps it in Maelstrom's lin-kv service; tests use an
// in-memory fake.
#include <boost/json.hpp>
#include <chrono>
#include <maelstrom/maelstrom.hpp>
#include <string>

namespace txn_list_append {

namespace json = boost::json;

class DatabaseStore {
  public:
    virtual ~DatabaseStore() = default;
    // The stored value, null if it was never written. Linearizable.
    virtual json::value read() = 0;
    // Stores `to` if the stored value is `from` or nothing was stored yet;
    // false, with nothing changed, if another value is stored. Any other
    // failure throws maelstrom::rpc_error (a timeout leaves the outcome
    // unknown).
    virtual bool compare_and_set(const json::value& from, const json::value& to) = 0;
};

class LinKvDatabaseStore : public DatabaseStore {
  public:
    // Maelstrom never loses messages between a node and a service, so a late
    // reply means a busy service, and waiting for it (up to `timeout`) turns
    // what would be an indefinite timeout into an answer.
    LinKvDatabaseStore(maelstrom::Node& node, std::string key,
                       std::chrono::milliseconds timeout = std::chrono::milliseconds(4000));

    json::value read() override;
    bool compare_and_set(const json::value& from, const json::value& to) override;

  private:
    maelstrom::Node& node_;
    maelstrom::LinKV kv_;
    std::string key_;
};

}  // namespace txn_list_append
