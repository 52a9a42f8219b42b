#pragma once
// Where the encoded database lives: one value that only compare-and-set
// changes. The node keeps it in Maelstrom's lin-kv service; tests use an
// in-memory fake.
#include <boost/json.hpp>
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
    LinKvDatabaseStore(maelstrom::Node& node, std::string key);

    json::value read() override;
    bool compare_and_set(const json::value& from, const json::value& to) override;

  private:
    maelstrom::LinKV kv_;
    std::string key_;
};

}  // namespace txn_list_append
