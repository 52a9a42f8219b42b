#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>

#include "broadcast/distinct_values.hpp"
#include "broadcast/item_slots.hpp"

namespace {

namespace json = boost::json;
using broadcast::DistinctValues;
using broadcast::ItemSlots;

TEST(BroadcastItemSlots, FindsItemsStoredInAnyOrder) {
    ItemSlots slots;
    slots.put(3, 30);
    slots.put(1, 10);
    slots.put(ItemSlots::kDenseReach, 40);
    EXPECT_EQ(slots.at(1), 10u);
    EXPECT_EQ(slots.at(3), 30u);
    EXPECT_EQ(slots.at(ItemSlots::kDenseReach), 40u);
    EXPECT_THROW((void)slots.at(2), std::out_of_range);
    EXPECT_THROW((void)slots.at(0), std::out_of_range);
    EXPECT_THROW(slots.put(0, 1), std::out_of_range);
}

TEST(BroadcastItemSlots, AFarSequenceNumberIsKeptWithoutReservingEveryNumberBelowIt) {
    // Reserving up to these numbers would need terabytes (or more than a vector can hold).
    ItemSlots slots;
    slots.put(std::numeric_limits<std::int64_t>::max(), 7);
    slots.put(1'000'000'000'000, 8);
    slots.put(2, 9);
    EXPECT_EQ(slots.at(std::numeric_limits<std::int64_t>::max()), 7u);
    EXPECT_EQ(slots.at(1'000'000'000'000), 8u);
    EXPECT_EQ(slots.at(2), 9u);
}

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

}  // namespace
