#include "lin-kv/raft.hpp"

#include <algorithm>
#include <utility>

namespace raft {

Raft::Raft(std::string id, std::vector<std::string> nodes, Timing timing, std::uint64_t seed,
           Millis now)
    : id_(std::move(id)), nodes_(std::move(nodes)), timing_(timing), random_(seed) {
    if (std::find(nodes_.begin(), nodes_.end(), id_) == nodes_.end()) {
        nodes_.push_back(id_);
    }
    for (const auto& node : nodes_) {
        if (node != id_) {
            peers_.emplace(node, Peer{});
        }
    }
    reset_election_deadline(now);
}

std::vector<Envelope> Raft::take_outbox() {
    return std::exchange(outbox_, {});
}

std::vector<Applied> Raft::take_applied() {
    return std::exchange(applied_out_, {});
}

void Raft::send(const std::string& to, Payload payload) {
    outbox_.push_back(Envelope{id_, to, std::move(payload)});
}

void Raft::reset_election_deadline(Millis now) {
    std::uniform_int_distribution<Millis> timeout(
        timing_.election_min, std::max(timing_.election_min, timing_.election_max - 1));
    election_deadline_ = now + timeout(random_);
}

void Raft::observe_term(Term term) {
    if (term <= term_) {
        return;
    }
    term_ = term;
    voted_for_.reset();
    leader_.reset();
    role_ = Role::follower;
}

void Raft::tick(Millis now) {
    if (role_ != Role::leader) {
        if (now >= election_deadline_) {
            start_election(now);
        }
        return;
    }
    // A leader cut off from a majority can commit nothing; stepping down lets
    // its node answer clients at once (error 11) instead of after their
    // timeout, and lets it follow whoever the majority elects.
    if (now - leader_since_ >= timing_.election_max) {
        std::size_t answering = 1;
        for (const auto& [name, peer] : peers_) {
            if (now - peer.heard_at < timing_.election_max) {
                ++answering;
            }
        }
        if (answering < majority()) {
            step_down();
            reset_election_deadline(now);
            return;
        }
    }
    replicate_all(now);
}

bool Raft::hears_from_leader(Millis now) const {
    if (role_ == Role::leader) {
        return true;
    }
    return leader_ && now - leader_heard_at_ < timing_.election_min;
}

void Raft::step_down() {
    role_ = Role::follower;
    leader_.reset();
}

void Raft::start_election(Millis now) {
    ++term_;
    role_ = Role::candidate;
    voted_for_ = id_;
    leader_.reset();
    votes_ = {id_};
    reset_election_deadline(now);
    if (votes_.size() >= majority()) {
        become_leader(now);
        return;
    }
    for (const auto& [name, peer] : peers_) {
        send(name, RequestVote{term_, last_index(), term_at(last_index())});
    }
}

void Raft::become_leader(Millis now) {
    role_ = Role::leader;
    leader_ = id_;
    leader_since_ = now;
    for (auto& [name, peer] : peers_) {
        peer = Peer{last_index() + 1, 0, false, now - timing_.heartbeat, now};
    }
    // Entries of earlier terms commit only under one of the current term
    // (figure 8 of the paper), so a no-op makes them commit without waiting
    // for a client.
    log_.push_back(Entry{term_, nullptr});
    advance_commit();
    replicate_all(now);
}

std::optional<Index> Raft::propose(maelstrom::json::value command, Millis now) {
    if (role_ != Role::leader) {
        return std::nullopt;
    }
    log_.push_back(Entry{term_, std::move(command)});
    const Index index = last_index();
    advance_commit();
    replicate_all(now);
    return index;
}

void Raft::replicate_all(Millis now) {
    for (const auto& [name, peer] : peers_) {
        replicate(name, now);
    }
}

void Raft::replicate(const std::string& name, Millis now) {
    Peer& peer = peers_.at(name);
    const bool lagging = peer.next <= last_index();
    // One AppendEntries in flight per follower: entries proposed meanwhile
    // travel together in the next one, which keeps messages per operation
    // low under load.
    const bool due = now - peer.sent_at >= timing_.heartbeat ||
                     (lagging && (!peer.in_flight || now - peer.sent_at >= timing_.resend));
    if (!due) {
        return;
    }
    AppendEntries request;
    request.term = term_;
    request.prev_index = peer.next - 1;
    request.prev_term = term_at(request.prev_index);
    const Index last = std::min<Index>(last_index(), request.prev_index + timing_.max_batch);
    for (Index index = peer.next; index <= last; ++index) {
        request.entries.push_back(log_[index]);
    }
    request.leader_commit = commit_;
    peer.in_flight = true;
    peer.sent_at = now;
    send(name, std::move(request));
}

void Raft::advance_commit() {
    for (Index candidate = last_index(); candidate > commit_; --candidate) {
        // Counting replicas proves an entry committed only for the current
        // term; older ones commit with it (log matching).
        if (term_at(candidate) != term_) {
            break;
        }
        std::size_t replicas = 1;
        for (const auto& [name, peer] : peers_) {
            if (peer.match >= candidate) {
                ++replicas;
            }
        }
        if (replicas >= majority()) {
            commit_ = candidate;
            break;
        }
    }
    apply();
}

void Raft::apply() {
    while (applied_ < commit_) {
        ++applied_;
        applied_out_.push_back(Applied{applied_, log_[applied_].command});
    }
}

void Raft::receive(const Envelope& message, Millis now) {
    if (!peers_.contains(message.from)) {
        return;
    }
    const Term term = std::visit([](const auto& payload) { return payload.term; }, message.payload);
    if (std::holds_alternative<RequestVote>(message.payload) && term > term_ &&
        hears_from_leader(now)) {
        // Leader stickiness (section 4.2.3 of Ongaro's thesis): a server cut
        // off from the leader must not depose it by raising the term, as one
        // does on every heal and in a majorities ring. Ignoring a message is
        // always safe; the leader steps down by itself once a majority stops
        // answering it.
        return;
    }
    if (term > term_) {
        if (role_ == Role::leader) {
            reset_election_deadline(now);
        }
        observe_term(term);
    }
    std::visit(
        [&](const auto& payload) {
            using T = std::decay_t<decltype(payload)>;
            if constexpr (std::is_same_v<T, RequestVote>) {
                on_request_vote(message.from, payload, now);
            } else if constexpr (std::is_same_v<T, VoteReply>) {
                on_vote_reply(message.from, payload, now);
            } else if constexpr (std::is_same_v<T, AppendEntries>) {
                on_append(message.from, payload, now);
            } else {
                on_append_reply(message.from, payload, now);
            }
        },
        message.payload);
}

void Raft::on_request_vote(const std::string& from, const RequestVote& request, Millis now) {
    const Term my_last_term = term_at(last_index());
    const bool up_to_date =
        request.last_log_term > my_last_term ||
        (request.last_log_term == my_last_term && request.last_log_index >= last_index());
    const bool granted = request.term == term_ && up_to_date && role_ == Role::follower &&
                         (!voted_for_ || *voted_for_ == from);
    if (granted) {
        voted_for_ = from;
        reset_election_deadline(now);
    }
    send(from, VoteReply{term_, granted});
}

void Raft::on_vote_reply(const std::string& from, const VoteReply& reply, Millis now) {
    if (role_ != Role::candidate || reply.term != term_ || !reply.granted) {
        return;
    }
    if (std::find(votes_.begin(), votes_.end(), from) == votes_.end()) {
        votes_.push_back(from);
    }
    if (votes_.size() >= majority()) {
        become_leader(now);
    }
}

void Raft::on_append(const std::string& from, const AppendEntries& request, Millis now) {
    if (request.term < term_ || role_ == Role::leader) {
        send(from, AppendReply{term_, false, 0});
        return;
    }
    role_ = Role::follower;
    leader_ = from;
    leader_heard_at_ = now;
    reset_election_deadline(now);

    if (request.prev_index > last_index()) {
        send(from, AppendReply{term_, false, last_index()});
        return;
    }
    if (term_at(request.prev_index) != request.prev_term) {
        // Skip back over the whole conflicting term.
        const Term conflicting = term_at(request.prev_index);
        Index first = request.prev_index;
        while (first > 1 && term_at(first - 1) == conflicting) {
            --first;
        }
        send(from, AppendReply{term_, false, first - 1});
        return;
    }
    Index index = request.prev_index;
    for (const auto& entry : request.entries) {
        ++index;
        if (index <= last_index()) {
            if (term_at(index) == entry.term) {
                continue;  // a repeated or reordered AppendEntries: never truncate a match
            }
            log_.resize(index);
        }
        log_.push_back(entry);
    }
    const Index matched = request.prev_index + request.entries.size();
    // Only the prefix this message proved to match may be committed: entries
    // past it can still be a deposed leader's.
    if (request.leader_commit > commit_) {
        commit_ = std::max(commit_, std::min(request.leader_commit, matched));
    }
    apply();
    send(from, AppendReply{term_, true, matched});
}

void Raft::on_append_reply(const std::string& from, const AppendReply& reply, Millis now) {
    if (role_ != Role::leader || reply.term != term_) {
        return;
    }
    Peer& peer = peers_.at(from);
    peer.in_flight = false;
    peer.heard_at = now;
    if (reply.success) {
        peer.match = std::max(peer.match, std::min(reply.match_index, last_index()));
        peer.next = std::max(peer.next, peer.match + 1);
        advance_commit();
    } else {
        peer.next = std::max(peer.match + 1, std::min(peer.next, reply.match_index + 1));
    }
    replicate(from, now);
}

}  // namespace raft
