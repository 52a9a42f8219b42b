#include <gtest/gtest.h>

#include "broadcast/seq_set.hpp"

namespace {

using broadcast::SeqSet;
using broadcast::SeqSetWire;

TEST(BroadcastSeqSet, ContiguousInsertsGrowThePrefix) {
    SeqSet set;
    EXPECT_TRUE(set.insert(1));
    EXPECT_TRUE(set.insert(2));
    EXPECT_EQ(set.upto(), 2);
    EXPECT_TRUE(set.to_wire().extra.empty());
}

TEST(BroadcastSeqSet, GapIsFilledLater) {
    SeqSet set;
    set.insert(1);
    set.insert(3);
    set.insert(4);
    EXPECT_EQ(set.upto(), 1);
    EXPECT_FALSE(set.contains(2));
    EXPECT_TRUE(set.contains(4));
    set.insert(2);
    EXPECT_EQ(set.upto(), 4);
    EXPECT_EQ(set.size(), 4u);
}

TEST(BroadcastSeqSet, DuplicatesAndInvalidNumbersAreRejected) {
    SeqSet set;
    EXPECT_TRUE(set.insert(1));
    EXPECT_FALSE(set.insert(1));
    EXPECT_FALSE(set.insert(0));
    EXPECT_FALSE(set.insert(-5));
    EXPECT_FALSE(set.contains(0));
}

TEST(BroadcastSeqSet, MergeIsAUnion) {
    SeqSet a;
    a.insert(1);
    a.insert(5);
    SeqSet b;
    for (int i = 1; i <= 3; ++i) {
        b.insert(i);
    }
    b.insert(7);
    a.merge(b);
    EXPECT_EQ(a.upto(), 3);
    EXPECT_TRUE(a.contains(5));
    EXPECT_TRUE(a.contains(7));
    EXPECT_FALSE(a.contains(4));
    a.insert(4);
    EXPECT_EQ(a.upto(), 5);
}

TEST(BroadcastSeqSet, WireRoundTripDropsMalformedNumbers) {
    const SeqSet set = SeqSet::from_wire(SeqSetWire{-3, {-1, 0, 2, 4}});
    EXPECT_EQ(set.upto(), 0);
    EXPECT_TRUE(set.contains(2));
    EXPECT_TRUE(set.contains(4));
    const SeqSet again = SeqSet::from_wire(set.to_wire());
    EXPECT_TRUE(again.contains(2));
    EXPECT_FALSE(again.contains(1));
}

}  // namespace
