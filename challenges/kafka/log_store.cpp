#include "log_store.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "ownership.hpp"

namespace kafka {

namespace {

// The entry for `number`, growing the table with `fill` up to it.
std::int64_t& entry(std::vector<std::int64_t>& table, std::uint32_t number, std::int64_t fill) {
    if (table.size() <= number) {
        table.resize(number + std::size_t{1}, fill);
    }
    return table[number];
}

std::int64_t entry_or(const std::vector<std::int64_t>& table, std::uint32_t number,
                      std::int64_t fill) {
    return number < table.size() ? table[number] : fill;
}

}  // namespace

LogStore::LogStore(std::string self, std::vector<std::string> node_ids)
    : self_(std::move(self)), node_ids_(std::move(node_ids)) {
    if (node_ids_.empty()) {
        throw std::invalid_argument("a cluster needs at least one node");
    }
}

const std::string& LogStore::owner(const std::string& key) const {
    return owner_of(key, node_ids_);
}

std::uint32_t LogStore::number_of(const std::string& key) {
    const auto [entry, added] = numbers_.try_emplace(key, static_cast<std::uint32_t>(keys_.size()));
    if (added) {
        names_.push_back(key);
        keys_.emplace_back();
        owned_.push_back(false);
    }
    return entry->second;
}

const LogStore::KeyState* LogStore::find(const std::string& key) const {
    const auto found = numbers_.find(key);
    return found == numbers_.end() ? nullptr : &keys_[found->second];
}

LogStore::PeerProgress& LogStore::progress_of(const std::string& peer) {
    return peers_[peer];
}

std::int64_t LogStore::append(const std::string& key, json::value msg) {
    const std::uint32_t number = number_of(key);
    if (!owned_[number]) {
        owned_[number] = true;
        owned_numbers_.push_back(number);
    }
    return keys_[number].log.append(std::move(msg));
}

std::optional<std::int64_t> LogStore::append_forwarded(const std::string& key, json::value msg,
                                                       const RequestId& request) {
    const auto seen = requests_.find(request);
    switch (seen.status) {
        case RequestLedger::Status::stored:
            return seen.offset;
        case RequestLedger::Status::too_old:
            return std::nullopt;
        case RequestLedger::Status::fresh:
            break;
    }
    const std::int64_t offset = append(key, std::move(msg));
    requests_.record(request, offset);
    return offset;
}

void LogStore::learn(const std::string& key, std::int64_t offset, json::value msg) {
    state_of(key).log.insert(offset, std::move(msg));
}

PollResult LogStore::poll(const OffsetMap& from, std::size_t limit) const {
    PollResult result;
    for (const auto& [key, offset] : from) {
        const KeyState* state = find(key);
        if (state == nullptr) {
            continue;
        }
        auto records = state->log.read_from(offset, limit);
        if (!records.empty()) {
            result.emplace(key, std::move(records));
        }
    }
    return result;
}

void LogStore::commit(const OffsetMap& offsets) {
    for (const auto& [key, offset] : offsets) {
        std::int64_t& committed = state_of(key).committed;
        committed = std::max(committed, offset);
    }
}

OffsetMap LogStore::committed(const std::vector<std::string>& keys) const {
    OffsetMap result;
    for (const auto& key : keys) {
        const KeyState* state = find(key);
        if (state != nullptr && state->committed >= 0) {
            result.emplace(key, state->committed);
        }
    }
    return result;
}

ReplicationBatch LogStore::batch_for(const std::string& peer, std::size_t record_limit) const {
    ReplicationBatch batch;
    static const PeerProgress nothing;
    const auto known = peers_.find(peer);
    const PeerProgress& progress = known == peers_.end() ? nothing : known->second;
    std::size_t records = 0;
    for (const std::uint32_t number : owned_numbers_) {
        if (records >= record_limit) {
            break;
        }
        const KeyLog& log = keys_[number].log;
        const std::int64_t first = entry_or(progress.records, number, 0);
        if (first >= log.contiguous_size()) {
            continue;
        }
        LogSegment segment{first, log.messages_from(first, record_limit - records)};
        records += segment.msgs.size();
        batch.logs.emplace(names_[number], std::move(segment));
    }
    for (std::uint32_t number = 0; number < keys_.size(); ++number) {
        const std::int64_t committed = keys_[number].committed;
        if (committed >= 0 && entry_or(progress.committed, number, -1) < committed) {
            batch.committed.emplace(names_[number], committed);
        }
    }
    return batch;
}

ReplicationAck LogStore::apply(const ReplicationBatch& batch) {
    ReplicationAck ack;
    for (const auto& [key, segment] : batch.logs) {
        KeyLog& log = state_of(key).log;
        std::int64_t offset = segment.first;
        for (const auto& msg : segment.msgs) {
            log.insert(offset++, msg);
        }
        ack.have.emplace(key, log.contiguous_size());
    }
    commit(batch.committed);
    return ack;
}

void LogStore::acknowledged(const std::string& peer, const ReplicationBatch& sent,
                            const ReplicationAck& ack) {
    PeerProgress& progress = progress_of(peer);
    for (const auto& [key, length] : ack.have) {
        std::int64_t& has = entry(progress.records, number_of(key), 0);
        has = std::max(has, length);
    }
    for (const auto& [key, offset] : sent.committed) {
        std::int64_t& has = entry(progress.committed, number_of(key), -1);
        has = std::max(has, offset);
    }
}

}  // namespace kafka
