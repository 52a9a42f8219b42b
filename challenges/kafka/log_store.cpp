#include "log_store.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "ownership.hpp"

namespace kafka {

namespace {

std::int64_t value_or_minus_one(const OffsetMap& map, const std::string& key) {
    auto found = map.find(key);
    return found == map.end() ? -1 : found->second;
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

std::int64_t LogStore::append(const std::string& key, json::value msg) {
    owned_keys_.insert(key);
    return logs_[key].append(std::move(msg));
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
    logs_[key].insert(offset, std::move(msg));
}

PollResult LogStore::poll(const OffsetMap& from, std::size_t limit) const {
    PollResult result;
    for (const auto& [key, offset] : from) {
        auto log = logs_.find(key);
        if (log == logs_.end()) {
            continue;
        }
        auto records = log->second.read_from(offset, limit);
        if (!records.empty()) {
            result.emplace(key, std::move(records));
        }
    }
    return result;
}

void LogStore::commit(const OffsetMap& offsets) {
    for (const auto& [key, offset] : offsets) {
        auto [entry, created] = committed_.try_emplace(key, offset);
        if (!created) {
            entry->second = std::max(entry->second, offset);
        }
    }
}

OffsetMap LogStore::committed(const std::vector<std::string>& keys) const {
    OffsetMap result;
    for (const auto& key : keys) {
        if (auto found = committed_.find(key); found != committed_.end()) {
            result.emplace(key, found->second);
        }
    }
    return result;
}

ReplicationBatch LogStore::batch_for(const std::string& peer, std::size_t record_limit) const {
    ReplicationBatch batch;
    static const OffsetMap nothing;
    auto records_known = peer_has_records_.find(peer);
    const OffsetMap& has_records =
        records_known == peer_has_records_.end() ? nothing : records_known->second;
    std::size_t records = 0;
    for (const auto& key : owned_keys_) {
        if (records >= record_limit) {
            break;
        }
        const KeyLog& log = logs_.at(key);
        auto has = has_records.find(key);
        std::int64_t first = has == has_records.end() ? 0 : has->second;
        if (first >= log.contiguous_size()) {
            continue;
        }
        LogSegment segment{first, log.messages_from(first, record_limit - records)};
        records += segment.msgs.size();
        batch.logs.emplace(key, std::move(segment));
    }
    auto committed_known = peer_has_committed_.find(peer);
    const OffsetMap& has_committed =
        committed_known == peer_has_committed_.end() ? nothing : committed_known->second;
    for (const auto& [key, offset] : committed_) {
        if (value_or_minus_one(has_committed, key) < offset) {
            batch.committed.emplace(key, offset);
        }
    }
    return batch;
}

ReplicationAck LogStore::apply(const ReplicationBatch& batch) {
    ReplicationAck ack;
    for (const auto& [key, segment] : batch.logs) {
        KeyLog& log = logs_[key];
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
    OffsetMap& has_records = peer_has_records_[peer];
    for (const auto& [key, length] : ack.have) {
        auto [entry, created] = has_records.try_emplace(key, length);
        if (!created) {
            entry->second = std::max(entry->second, length);
        }
    }
    OffsetMap& has_committed = peer_has_committed_[peer];
    for (const auto& [key, offset] : sent.committed) {
        auto [entry, created] = has_committed.try_emplace(key, offset);
        if (!created) {
            entry->second = std::max(entry->second, offset);
        }
    }
}

}  // namespace kafka
