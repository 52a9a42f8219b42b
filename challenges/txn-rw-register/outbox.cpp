#include "outbox.hpp"

#include <algorithm>

namespace txn {

Outbox::Outbox(std::vector<std::string> peers) {
    for (auto& peer : peers) {
        acked_.emplace(std::move(peer), 0);
    }
}

void Outbox::push(WriteSet writes) {
    if (acked_.empty()) {
        ++first_sequence_;
        return;
    }
    queue_.push_back(std::move(writes));
}

ReplicationBatch Outbox::batch_for(const std::string& peer, std::size_t limit) const {
    ReplicationBatch batch;
    auto acked = acked_.find(peer);
    if (acked == acked_.end()) {
        return batch;
    }
    std::int64_t sequence = std::max(acked->second + 1, first_sequence_);
    auto end = first_sequence_ + static_cast<std::int64_t>(queue_.size());
    for (; sequence < end && batch.txns.size() < limit; ++sequence) {
        batch.txns.push_back(queue_[static_cast<std::size_t>(sequence - first_sequence_)]);
    }
    batch.last = sequence - 1;
    return batch;
}

void Outbox::acknowledged(const std::string& peer, std::int64_t up_to) {
    auto acked = acked_.find(peer);
    if (acked == acked_.end()) {
        return;
    }
    acked->second = std::max(acked->second, up_to);
    drop_delivered();
}

void Outbox::drop_delivered() {
    std::int64_t everyone_has = acked_.begin()->second;
    for (const auto& [peer, up_to] : acked_) {
        everyone_has = std::min(everyone_has, up_to);
    }
    while (!queue_.empty() && first_sequence_ <= everyone_has) {
        queue_.pop_front();
        ++first_sequence_;
    }
}

}  // namespace txn
