#pragma once
// The safety properties of Raft (figure 3 of the paper), checked on
// snapshots of every server after every step of a simulated run. Each check
// returns a description of the first violation, or an empty string.
#include <map>
#include <string>
#include <vector>

#include "lin-kv/raft.hpp"

namespace raft_test {

struct ServerView {
    std::string id;
    raft::Role role = raft::Role::follower;
    raft::Term term = 0;
    const std::vector<raft::Entry>* log = nullptr;  // index 0 is the sentinel
    raft::Index commit = 0;
};

inline ServerView view_of(const raft::Raft& server) {
    return ServerView{server.id(), server.role(), server.term(), &server.log(),
                      server.commit_index()};
}

class InvariantChecker {
  public:
    // Election safety, log matching and leader completeness.
    std::string check(const std::vector<ServerView>& servers) {
        for (const auto& server : servers) {
            if (server.role != raft::Role::leader) {
                continue;
            }
            const auto [known, inserted] = leaders_.emplace(server.term, server.id);
            if (!inserted && known->second != server.id) {
                return "election safety: " + known->second + " and " + server.id +
                       " both lead term " + std::to_string(server.term);
            }
        }
        for (std::size_t a = 0; a < servers.size(); ++a) {
            for (std::size_t b = a + 1; b < servers.size(); ++b) {
                if (auto problem = log_matching(servers[a], servers[b]); !problem.empty()) {
                    return problem;
                }
            }
        }
        for (const auto& server : servers) {
            if (auto problem = record_commits(server); !problem.empty()) {
                return problem;
            }
        }
        for (const auto& server : servers) {
            if (auto problem = leader_completeness(server); !problem.empty()) {
                return problem;
            }
        }
        return {};
    }

    // State machine safety: every server applies the same command at an
    // index, and applies indexes in order without gaps.
    std::string applied(const std::string& server, const raft::Applied& entry) {
        auto& last = last_applied_[server];
        if (entry.index != last + 1) {
            return server + " applied index " + std::to_string(entry.index) + " after " +
                   std::to_string(last);
        }
        last = entry.index;
        const auto [known, inserted] = applied_.emplace(entry.index, entry.command);
        if (!inserted && known->second != entry.command) {
            return "state machine safety: " + server + " applied " +
                   maelstrom::json::serialize(entry.command) + " at " +
                   std::to_string(entry.index) + ", another server " +
                   maelstrom::json::serialize(known->second);
        }
        return {};
    }

    std::size_t committed_count() const { return committed_.size(); }
    std::size_t leader_terms() const { return leaders_.size(); }

  private:
    struct Committed {
        raft::Entry entry;
        raft::Term seen_in_term = 0;  // a term whose leader had it committed
    };

    static std::string log_matching(const ServerView& a, const ServerView& b) {
        const auto& left = *a.log;
        const auto& right = *b.log;
        raft::Index index = std::min(left.size(), right.size()) - 1;
        for (; index > 0; --index) {
            if (left[index].term == right[index].term) {
                break;
            }
        }
        for (raft::Index i = 1; i <= index; ++i) {
            if (left[i] != right[i]) {
                return "log matching: " + a.id + " and " + b.id + " agree on the term at " +
                       std::to_string(index) + " but differ at " + std::to_string(i);
            }
        }
        return {};
    }

    std::string record_commits(const ServerView& server) {
        for (raft::Index index = 1; index <= server.commit; ++index) {
            const auto& entry = (*server.log)[index];
            const auto [known, inserted] = committed_.emplace(index, Committed{entry, server.term});
            if (inserted) {
                continue;
            }
            if (known->second.entry != entry) {
                return "state machine safety: " + server.id + " committed a different entry at " +
                       std::to_string(index);
            }
            known->second.seen_in_term = std::min(known->second.seen_in_term, server.term);
        }
        return {};
    }

    std::string leader_completeness(const ServerView& server) const {
        if (server.role != raft::Role::leader) {
            return {};
        }
        for (const auto& [index, committed] : committed_) {
            if (committed.seen_in_term >= server.term) {
                continue;
            }
            if (index >= server.log->size() || (*server.log)[index] != committed.entry) {
                return "leader completeness: " + server.id + ", leader of term " +
                       std::to_string(server.term) + ", lacks the entry committed at " +
                       std::to_string(index);
            }
        }
        return {};
    }

    std::map<raft::Term, std::string> leaders_;
    std::map<raft::Index, Committed> committed_;
    std::map<raft::Index, maelstrom::json::value> applied_;
    std::map<std::string, raft::Index> last_applied_;
};

}  // namespace raft_test
