#include "checkers/linearizability.hpp"

#include <algorithm>
#include <unordered_set>

namespace sim {
namespace {

struct Event {
    bool is_call = true;
    std::size_t op = 0;
    Event* prev = nullptr;
    Event* next = nullptr;
    Event* match = nullptr;  // call -> its return (nullptr for :info ops)
};

struct Bits {
    std::vector<std::uint64_t> words;
    explicit Bits(std::size_t n) : words((n + 63) / 64, 0) {}
    void set(std::size_t i) { words[i / 64] |= std::uint64_t{1} << (i % 64); }
    void reset(std::size_t i) { words[i / 64] &= ~(std::uint64_t{1} << (i % 64)); }
};

struct CacheKey {
    std::vector<std::uint64_t> linearized;
    std::optional<std::int64_t> state;
    bool operator==(const CacheKey& other) const {
        return state == other.state && linearized == other.linearized;
    }
};

struct CacheHash {
    std::size_t operator()(const CacheKey& key) const {
        std::size_t h = key.state ? static_cast<std::size_t>(*key.state) * 31 + 7 : 3;
        for (const auto w : key.linearized) {
            h ^= std::hash<std::uint64_t>{}(w) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        }
        return h;
    }
};

// Applies `op` to the register; false if the op cannot happen in `state`.
bool step(const RegisterOp& op, std::optional<std::int64_t>& state) {
    switch (op.kind) {
        case RegisterOp::Kind::read:
            return !op.value || op.value == state;
        case RegisterOp::Kind::write:
            state = op.value;
            return true;
        case RegisterOp::Kind::cas:
            if (state != op.from) {
                return false;
            }
            state = op.to;
            return true;
    }
    return false;
}

void lift(Event* call) {
    call->prev->next = call->next;
    if (call->next != nullptr) {
        call->next->prev = call->prev;
    }
    if (Event* ret = call->match) {
        ret->prev->next = ret->next;
        if (ret->next != nullptr) {
            ret->next->prev = ret->prev;
        }
    }
}

void unlift(Event* call) {
    if (Event* ret = call->match) {
        ret->prev->next = ret;
        if (ret->next != nullptr) {
            ret->next->prev = ret;
        }
    }
    call->prev->next = call;
    if (call->next != nullptr) {
        call->next->prev = call;
    }
}

}  // namespace

LinearizabilityResult check_cas_register(const std::vector<RegisterOp>& ops, std::int64_t budget) {
    // Events in history order; an :info op has a call and no return.
    struct Point {
        std::int64_t index;
        bool is_call;
        std::size_t op;
    };
    std::vector<Point> points;
    std::size_t required = 0;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        points.push_back({ops[i].invoke_index, true, i});
        if (ops[i].complete_index) {
            points.push_back({*ops[i].complete_index, false, i});
            ++required;
        }
    }
    std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) {
        return a.index != b.index ? a.index < b.index : a.is_call > b.is_call;
    });
    std::vector<Event> events(points.size() + 1);
    Event* head = &events[0];
    std::vector<Event*> call_of(ops.size(), nullptr);
    for (std::size_t k = 0; k < points.size(); ++k) {
        Event& e = events[k + 1];
        e.is_call = points[k].is_call;
        e.op = points[k].op;
        e.prev = &events[k];
        events[k].next = &e;
        if (e.is_call) {
            call_of[e.op] = &e;
        } else {
            call_of[e.op]->match = &e;
        }
    }

    LinearizabilityResult result;
    std::optional<std::int64_t> state;  // the register starts as null
    Bits linearized(ops.size());
    std::size_t linearized_required = 0;
    std::unordered_set<CacheKey, CacheHash> cache;
    std::vector<std::pair<Event*, std::optional<std::int64_t>>> stack;
    Event* entry = head->next;
    while (linearized_required < required) {
        if (++result.explored > budget) {
            result.valid = Validity::unknown;
            return result;
        }
        if (entry == nullptr) {
            // Only :info calls are left ahead and a required op is still
            // open behind: backtrack.
            if (stack.empty()) {
                result.valid = Validity::invalid;
                return result;
            }
            auto [call, saved] = stack.back();
            stack.pop_back();
            state = saved;
            linearized.reset(call->op);
            linearized_required -= ops[call->op].complete_index ? 1 : 0;
            unlift(call);
            entry = call->next;
            continue;
        }
        if (entry->is_call) {
            auto next_state = state;
            bool accepted = false;
            if (step(ops[entry->op], next_state)) {
                linearized.set(entry->op);
                CacheKey key{linearized.words, next_state};
                if (cache.insert(std::move(key)).second) {
                    accepted = true;
                } else {
                    linearized.reset(entry->op);
                }
            }
            if (accepted) {
                stack.emplace_back(entry, state);
                state = next_state;
                linearized_required += ops[entry->op].complete_index ? 1 : 0;
                lift(entry);
                entry = head->next;
            } else {
                entry = entry->next;
            }
        } else {
            if (stack.empty()) {
                result.valid = Validity::invalid;
                return result;
            }
            auto [call, saved] = stack.back();
            stack.pop_back();
            state = saved;
            linearized.reset(call->op);
            linearized_required -= ops[call->op].complete_index ? 1 : 0;
            unlift(call);
            entry = call->next;
        }
    }
    result.valid = Validity::valid;
    return result;
}

}  // namespace sim
