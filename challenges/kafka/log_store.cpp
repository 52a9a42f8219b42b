#include "log_store.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

#include "ownership.hpp"

namespace kafka {

namespace {

// The entry for `number`, growing the table with `fill` up to it.
template <class Table>
typename Table::reference entry(Table& table, std::uint32_t number,
                                typename Table::value_type fill) {
    if (table.size() <= number) {
        table.resize(number + std::size_t{1}, fill);
    }
    return table[number];
}

template <class Table>
typename Table::value_type entry_or(const Table& table, std::uint32_t number,
                                    typename Table::value_type fill) {
    return number < table.size() ? table[number] : fill;
}

// A log length as a peer reports it, within what a log can hold.
std::uint32_t log_length(std::int64_t reported) {
    return static_cast<std::uint32_t>(
        std::clamp<std::int64_t>(reported, 0, std::numeric_limits<std::uint32_t>::max()));
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
    const std::uint32_t number = names_.number_of(key);
    if (number == keys_.size()) {
        keys_.emplace_back();
        owned_.push_back(false);
    }
    return number;
}

const LogStore::KeyState* LogStore::find(const std::string& key) const {
    const auto number = names_.find(key);
    return number ? &keys_[*number] : nullptr;
}

void LogStore::raise_committed(std::uint32_t number, std::int64_t offset) {
    std::int64_t& committed = keys_[number].committed;
    if (offset <= committed) {
        return;
    }
    committed = offset;
    for (auto& [peer, progress] : peers_) {
        if (number < progress.has_committed.size()) {
            progress.has_committed[number] = false;
        }
    }
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

json::object LogStore::poll(const OffsetMap& from, std::size_t per_key, std::size_t total) const {
    json::object msgs;
    for (const auto& [key, offset] : from) {
        if (total == 0) {
            break;
        }
        const KeyState* state = find(key);
        const std::int64_t first = std::max<std::int64_t>(offset, 0);
        if (state == nullptr || first >= state->log.contiguous_size()) {
            continue;
        }
        const auto available = static_cast<std::size_t>(state->log.contiguous_size() - first);
        const std::size_t count = std::min({available, per_key, total});
        if (count == 0) {
            continue;
        }
        json::array records;
        records.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            const std::int64_t at = first + static_cast<std::int64_t>(i);
            records.emplace_back(json::array{at, state->log.message(at)});
        }
        msgs.emplace(key, std::move(records));
        total -= count;
    }
    return msgs;
}

void LogStore::commit(const OffsetMap& offsets) {
    for (const auto& [key, offset] : offsets) {
        raise_committed(number_of(key), offset);
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
        const std::int64_t first = entry_or(progress.records, number, 0u);
        if (first >= log.contiguous_size()) {
            continue;
        }
        LogSegment segment{first, log.messages_from(first, record_limit - records)};
        records += segment.msgs.size();
        batch.logs.emplace(names_.name(number), std::move(segment));
    }
    for (std::uint32_t number = 0; number < keys_.size(); ++number) {
        const std::int64_t committed = keys_[number].committed;
        if (committed >= 0 && !entry_or(progress.has_committed, number, false)) {
            batch.committed.emplace(names_.name(number), committed);
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
        auto&& has = entry(progress.records, number_of(key), 0u);
        has = std::max(has, log_length(length));
    }
    for (const auto& [key, offset] : sent.committed) {
        const std::uint32_t number = number_of(key);
        // A commit raised after the batch was built still has to reach the peer.
        if (keys_[number].committed == offset) {
            entry(progress.has_committed, number, false) = true;
        }
    }
}

}  // namespace kafka
