#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>

#include "broadcast/distinct_values.hpp"
#include "broadcast/retained_values.hpp"
#include "broadcast/value_set.hpp"

namespace {

namespace json = boost::json;
using broadcast::DistinctValues;
using broadcast::ItemId;
using broadcast::RetainedValues;
using broadcast::ValueSet;

TEST(BroadcastDistinctValues, EqualValuesShareASlotAndOthersGetTheirOwn) {
    DistinctValues values;
    const auto five = values.insert(json::value(std::int64_t{5}));
    EXPECT_EQ(five, std::make_pair(std::uint32_t{0}, true));
    EXPECT_EQ(values.insert(json::value(std::uint64_t{5})),
              std::make_pair(std::uint32_t{0}, false));
    EXPECT_TRUE(values.insert(json::value(5.0)).second);
    EXPECT_TRUE(values.insert(json::value("5")).second);
    EXPECT_TRUE(values.insert(json::value(std::numeric_limits<std::uint64_t>::max())).second);
    EXPECT_FALSE(values.insert(json::value(std::numeric_limits<std::uint64_t>::max())).second);
    EXPECT_TRUE(values.insert(json::parse(R"({"a":[1,2]})")).second);
    EXPECT_FALSE(values.insert(json::parse(R"({"a":[1,2]})")).second);
    EXPECT_EQ(values.all(), json::parse(R"([5, 5.0, "5", 18446744073709551615, {"a":[1,2]}])"));
    EXPECT_EQ(values[2], json::value("5"));
}

TEST(BroadcastDistinctValues, AMovedSetStillFindsWhatItHolds) {
    DistinctValues first;
    for (std::int64_t i = 0; i < 1000; ++i) {
        first.insert(json::value(i));
    }
    DistinctValues moved(std::move(first));
    DistinctValues assigned;
    assigned = std::move(moved);
    for (std::int64_t i = 0; i < 1000; ++i) {
        EXPECT_EQ(assigned.insert(json::value(i)),
                  std::make_pair(static_cast<std::uint32_t>(i), false));
    }
    EXPECT_EQ(assigned.insert(json::value(1000)).first, 1000u);
    EXPECT_EQ(assigned.all().size(), 1001u);
}

TEST(BroadcastValueSet, IntegersCollapseIntoRunsWhateverTheOrderTheyArriveIn) {
    ValueSet values;
    for (std::int64_t i = 999; i >= 500; --i) {
        EXPECT_TRUE(values.insert(json::value(i)));
    }
    for (std::int64_t i = 0; i < 500; i += 2) {
        EXPECT_TRUE(values.insert(json::value(i)));
    }
    EXPECT_EQ(values.runs(), 251u);
    for (std::int64_t i = 1; i < 500; i += 2) {
        EXPECT_TRUE(values.insert(json::value(i)));
    }
    EXPECT_FALSE(values.insert(json::value(std::uint64_t{42})));
    EXPECT_EQ(values.runs(), 1u);
    EXPECT_EQ(values.size(), 1000u);
    const json::array all = values.to_array();
    ASSERT_EQ(all.size(), 1000u);
    for (std::int64_t i = 0; i < 1000; ++i) {
        EXPECT_EQ(all[static_cast<std::size_t>(i)], json::value(i));
    }
}

TEST(BroadcastValueSet, ExtremeIntegersAndOtherKindsAreEachListedOnce) {
    ValueSet values;
    const std::int64_t max = std::numeric_limits<std::int64_t>::max();
    const std::int64_t min = std::numeric_limits<std::int64_t>::min();
    EXPECT_TRUE(values.insert(json::value(max)));
    EXPECT_TRUE(values.insert(json::value(max - 1)));
    EXPECT_TRUE(values.insert(json::value(min)));
    EXPECT_TRUE(values.insert(json::value("x")));
    EXPECT_TRUE(values.insert(json::value(std::numeric_limits<std::uint64_t>::max())));
    EXPECT_TRUE(values.insert(json::value(1.5)));
    EXPECT_FALSE(values.insert(json::value("x")));
    EXPECT_FALSE(values.insert(json::value(static_cast<std::uint64_t>(max))));
    EXPECT_EQ(values.size(), 6u);
    EXPECT_EQ(values.to_array(),
              json::parse(R"([-9223372036854775808, 9223372036854775806, 9223372036854775807,
                              "x", 18446744073709551615, 1.5])"));
}

TEST(BroadcastRetainedValues, AValueStaysWhileAnyDutyHoldsIt) {
    RetainedValues retained;
    const ItemId first{"n1", 1};
    const ItemId second{"n1", 2};
    retained.keep(first, json::value("a"));
    retained.keep(second, json::value("b"));
    retained.acquire(first);
    retained.acquire(first);
    retained.drop_if_unreferenced(first);
    retained.drop_if_unreferenced(second);
    EXPECT_EQ(retained.find(second), nullptr);
    retained.release(first);
    ASSERT_NE(retained.find(first), nullptr);
    EXPECT_EQ(*retained.find(first), json::value("a"));
    retained.release(first);
    EXPECT_EQ(retained.find(first), nullptr);
    EXPECT_EQ(retained.size(), 0u);
}

TEST(BroadcastRetainedValues, ADutyForAValueNotKeptIsABug) {
    RetainedValues retained;
    EXPECT_THROW(retained.acquire(ItemId{"n1", 1}), std::logic_error);
    retained.keep(ItemId{"n1", 1}, json::value(1));
    EXPECT_THROW(retained.release(ItemId{"n1", 1}), std::logic_error);
}

}  // namespace
