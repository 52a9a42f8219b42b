// json_less orders JSON values totally and agrees with their equality, so any
// JSON element can live in a std::set or be a std::map key.
#include <gtest/gtest.h>

#include <maelstrom/json_order.hpp>
#include <map>
#include <random>
#include <set>
#include <unordered_set>

namespace maelstrom {
namespace {

std::vector<json::value> samples() {
    return {
        json::value(nullptr),
        json::value(false),
        json::value(true),
        json::value(std::int64_t{-3}),
        json::value(-2.5),
        json::value(std::int64_t{1}),
        json::value(1.0),
        json::value(std::uint64_t{1}),
        json::value(1.5),
        json::value(std::int64_t{9007199254740993}),
        json::value(9007199254740992.0),
        json::value(std::uint64_t{18446744073709551615ULL}),
        json::value(1e300),
        json::value(""),
        json::value("a"),
        json::value("b"),
        json::value(json::array{}),
        json::value(json::array{1, 2}),
        json::value(json::array{1, 3}),
        json::value(json::array{1, 2, 0}),
        json::value(json::object{}),
        json::value(json::object{{"a", 1}, {"b", 2}}),
        json::value(json::object{{"b", 2}, {"a", 1}}),
        json::value(json::object{{"a", 1}, {"b", 3}}),
    };
}

TEST(JsonOrder, EquivalentExactlyWhenEqual) {
    const json_less less;
    for (const auto& a : samples()) {
        for (const auto& b : samples()) {
            const bool equivalent = !less(a, b) && !less(b, a);
            EXPECT_EQ(equivalent, a == b) << json::serialize(a) << " vs " << json::serialize(b);
        }
    }
}

TEST(JsonOrder, IsAStrictTotalOrder) {
    const auto values = samples();
    for (const auto& a : values) {
        EXPECT_EQ(json_compare(a, a), 0);
        for (const auto& b : values) {
            EXPECT_EQ(json_compare(a, b), -json_compare(b, a));
            for (const auto& c : values) {
                if (json_compare(a, b) < 0 && json_compare(b, c) < 0) {
                    EXPECT_LT(json_compare(a, c), 0);
                }
            }
        }
    }
}

TEST(JsonOrder, NumbersCompareByExactValueAndIntegersComeBeforeEqualDoubles) {
    EXPECT_LT(json_compare(json::value(std::int64_t{-1}), json::value(std::uint64_t{0})), 0);
    EXPECT_LT(json_compare(json::value(std::int64_t{9007199254740992}),
                           json::value(std::int64_t{9007199254740993})),
              0);
    // 2^53 + 1 is above the double 2^53, though a double cannot tell them apart.
    EXPECT_GT(
        json_compare(json::value(std::int64_t{9007199254740993}), json::value(9007199254740992.0)),
        0);
    EXPECT_LT(json_compare(json::value(std::int64_t{2}), json::value(2.0)), 0);
    EXPECT_LT(json_compare(json::value(2.0), json::value(std::int64_t{3})), 0);
    EXPECT_GT(json_compare(json::value(std::int64_t{3}), json::value(2.5)), 0);
}

TEST(JsonOrder, SetsAndMapsHoldMixedElementsOnce) {
    std::set<json::value, json_less> set;
    std::unordered_set<json::value> hashed;
    for (const auto& value : samples()) {
        set.insert(value);
        hashed.insert(value);
    }
    // int64 1 == uint64 1, and the two objects differ only in key order.
    EXPECT_EQ(set.size(), samples().size() - 2);
    EXPECT_EQ(hashed.size(), set.size());
    std::map<json::value, int, json_less> counts;
    ++counts[json::value("x")];
    ++counts[json::parse(R"({"k":[1,{"z":null}]})")];
    ++counts[json::parse(R"({"k":[1,{"z":null}]})")];
    EXPECT_EQ(counts.size(), 2u);
    EXPECT_EQ(counts.at(json::parse(R"({"k":[1,{"z":null}]})")), 2);
}

TEST(JsonOrder, AgreesWithEqualityOnRandomDocuments) {
    std::mt19937 rng(7);
    const auto random_value = [&](auto& self, int depth) -> json::value {
        switch (std::uniform_int_distribution<int>(0, depth > 2 ? 3 : 5)(rng)) {
            case 0:
                return std::int64_t{std::uniform_int_distribution<int>(-2, 2)(rng)};
            case 1:
                return static_cast<double>(std::uniform_int_distribution<int>(-2, 2)(rng));
            case 2:
                return json::value(std::string(1, static_cast<char>('a' + rng() % 3)));
            case 3:
                return rng() % 2 == 0;
            case 4: {
                json::array array;
                for (int i = rng() % 3; i > 0; --i) {
                    array.push_back(self(self, depth + 1));
                }
                return array;
            }
            default: {
                json::object object;
                for (int i = rng() % 3; i > 0; --i) {
                    object[std::string(1, static_cast<char>('p' + rng() % 3))] =
                        self(self, depth + 1);
                }
                return object;
            }
        }
    };
    for (int i = 0; i < 2000; ++i) {
        const auto a = random_value(random_value, 0);
        const auto b = random_value(random_value, 0);
        EXPECT_EQ(json_compare(a, b) == 0, a == b)
            << json::serialize(a) << " " << json::serialize(b);
        if (a == b) {
            EXPECT_EQ(std::hash<json::value>{}(a), std::hash<json::value>{}(b));
        }
    }
}

}  // namespace
}  // namespace maelstrom
