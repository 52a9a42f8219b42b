#pragma once
// The set of sequence numbers (1, 2, 3, ...) of one origin's broadcasts that a
// node holds, kept as a contiguous prefix plus the few numbers above a gap, so
// that "I have everything up to k" costs a single integer on the wire.
#include <algorithm>
#include <boost/describe.hpp>
#include <cstdint>
#include <set>
#include <vector>

namespace broadcast {

// Wire form: {"upto": k, "extra": [...]}.
struct SeqSetWire {
    std::int64_t upto = 0;
    std::vector<std::int64_t> extra;
};
BOOST_DESCRIBE_STRUCT(SeqSetWire, (), (upto, extra))

class SeqSet {
  public:
    bool contains(std::int64_t seq) const {
        return seq >= 1 && (seq <= upto_ || extra_.count(seq) != 0);
    }

    // Returns false when seq was already present or is not a valid number.
    bool insert(std::int64_t seq) {
        if (seq < 1 || contains(seq)) {
            return false;
        }
        extra_.insert(seq);
        absorb();
        return true;
    }

    void merge(const SeqSet& other) {
        if (other.upto_ > upto_) {
            upto_ = other.upto_;
            extra_.erase(extra_.begin(), extra_.upper_bound(upto_));
        }
        for (std::int64_t seq : other.extra_) {
            if (seq > upto_) {
                extra_.insert(seq);
            }
        }
        absorb();
    }

    std::int64_t upto() const noexcept { return upto_; }
    std::size_t size() const noexcept { return static_cast<std::size_t>(upto_) + extra_.size(); }

    SeqSetWire to_wire() const { return {upto_, {extra_.begin(), extra_.end()}}; }

    // Malformed numbers (negative, zero) are dropped rather than trusted.
    static SeqSet from_wire(const SeqSetWire& wire) {
        SeqSet set;
        set.upto_ = wire.upto > 0 ? wire.upto : 0;
        for (std::int64_t seq : wire.extra) {
            if (seq > set.upto_) {
                set.extra_.insert(seq);
            }
        }
        set.absorb();
        return set;
    }

  private:
    void absorb() {
        while (!extra_.empty() && *extra_.begin() <= upto_ + 1) {
            upto_ = std::max(upto_, *extra_.begin());
            extra_.erase(extra_.begin());
        }
    }

    std::int64_t upto_ = 0;
    std::set<std::int64_t> extra_;
};

}  // namespace broadcast
