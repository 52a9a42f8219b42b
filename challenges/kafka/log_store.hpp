#pragma once
// The state of one node in the owner-based design: every key's log (complete
// for owned keys, a contiguous prefix for the others), committed offsets
// (merged by maximum), and per-peer replication progress. Not thread-safe:
// the node serialises access.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "key_log.hpp"
#include "key_names.hpp"
#include "replication.hpp"
#include "request_ledger.hpp"

namespace kafka {

using PollResult = std::map<std::string, std::vector<Record>>;
using OffsetMap = std::map<std::string, std::int64_t>;

class LogStore {
  public:
    LogStore(std::string self, std::vector<std::string> node_ids);

    const std::string& self() const noexcept { return self_; }
    const std::string& owner(const std::string& key) const;
    bool owns(const std::string& key) const { return owner(key) == self_; }

    // Appends at the owner.
    std::int64_t append(const std::string& key, json::value msg);
    // Appends a send another node forwarded. A request seen before returns its first offset,
    // so a send retried after a lost reply is stored only once; nullopt, storing nothing,
    // for a request too old to tell (see RequestLedger).
    std::optional<std::int64_t> append_forwarded(const std::string& key, json::value msg,
                                                 const RequestId& request);
    // A record the owner assigned, learnt outside replication.
    void learn(const std::string& key, std::int64_t offset, json::value msg);

    // A poll_ok's `msgs`: for each requested key in name order, up to `per_key` contiguous records
    // from its offset, until `total` records are taken; keys with none are left out.
    json::object poll(const OffsetMap& from, std::size_t per_key, std::size_t total) const;

    void commit(const OffsetMap& offsets);
    OffsetMap committed(const std::vector<std::string>& keys) const;

    // What `peer` still lacks, at most about `record_limit` records.
    ReplicationBatch batch_for(const std::string& peer, std::size_t record_limit) const;
    ReplicationAck apply(const ReplicationBatch& batch);
    void acknowledged(const std::string& peer, const ReplicationBatch& sent,
                      const ReplicationAck& ack);

  private:
    // Everything a node holds for one key. A run writes thousands of keys with a few records
    // each, so per-key state is kept small: keys are numbered in order of first sight, and
    // each table is indexed by that number rather than a tree keyed by the name.
    struct KeyState {
        KeyLog log;
        std::int64_t committed = -1;  // -1: nothing committed yet
    };
    // Per peer, by key number: the length of an owned key's log the peer holds, and whether
    // it has the key's committed offset as it is now (raising it clears every peer's bit).
    struct PeerProgress {
        std::vector<std::uint32_t> records;
        std::vector<bool> has_committed;
    };

    std::uint32_t number_of(const std::string& key);
    void raise_committed(std::uint32_t number, std::int64_t offset);
    const KeyState* find(const std::string& key) const;
    KeyState& state_of(const std::string& key) { return keys_[number_of(key)]; }
    PeerProgress& progress_of(const std::string& peer);

    std::string self_;
    std::vector<std::string> node_ids_;
    KeyNames names_;
    // A deque grows by blocks, without a vector's doubling slack or copying.
    std::deque<KeyState> keys_;  // by number
    std::vector<bool> owned_;    // by number: appended here as the owner
    std::vector<std::uint32_t> owned_numbers_;
    RequestLedger requests_;
    std::map<std::string, PeerProgress> peers_;
};

}  // namespace kafka
