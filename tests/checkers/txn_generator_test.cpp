#include "workloads/txn_generator.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace sim {
namespace {

TEST(TxnSource, TxnLengthsStayWithinBounds) {
    Rng rng(1);
    TxnSource source({10, 4, 16});
    std::set<std::size_t> lengths;
    for (int i = 0; i < 500; ++i) {
        lengths.insert(source.next_txn(rng).size());
    }
    EXPECT_EQ(lengths, (std::set<std::size_t>{1, 2, 3, 4}));
}

TEST(TxnSource, WritesAreUniquePerKeyAndKeysRetireAfterMaxWrites) {
    Rng rng(2);
    TxnSource source({3, 4, 5});
    std::map<std::int64_t, std::set<std::int64_t>> written;
    for (int i = 0; i < 2000; ++i) {
        const auto m = source.next_mop(rng);
        if (m.write) {
            EXPECT_TRUE(written[m.key].insert(m.value).second)
                << "key " << m.key << " value " << m.value;
            EXPECT_GE(m.value, 1);
            EXPECT_LE(m.value, 5);
        }
    }
    // Retired keys are replaced by fresh, higher ones.
    EXPECT_GT(written.rbegin()->first, 2);
}

TEST(TxnSource, NewestPoolSlotIsTheHottest) {
    Rng rng(3);
    TxnSource source({4, 1, 1000000});
    std::map<std::int64_t, int> reads;
    for (int i = 0; i < 4000; ++i) {
        const auto m = source.next_mop(rng);
        ++reads[m.key];
    }
    // P(slot i) = 2^i / 15: key 3 about 8/15, key 0 about 1/15.
    EXPECT_GT(reads[3], reads[2]);
    EXPECT_GT(reads[2], reads[1]);
    EXPECT_GT(reads[1], reads[0]);
}

}  // namespace
}  // namespace sim
