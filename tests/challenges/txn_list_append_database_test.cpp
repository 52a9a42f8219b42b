// The txn-list-append database: transactions applied to a map of lists, and
// the stored form that lin-kv's compare-and-set compares.
#include <gtest/gtest.h>

#include <stdexcept>

#include "txn-list-append/list_database.hpp"

namespace txn_list_append {
namespace {

json::array ops(const char* text) {
    return json::parse(text).as_array();
}

TEST(ListDatabase, ReadsOfMissingKeysAreNull) {
    ListDatabase database;
    const auto result = database.apply(ops(R"([["r",1,null]])"));
    EXPECT_EQ(result.completed, ops(R"([["r",1,null]])"));
    EXPECT_FALSE(result.appended);
    EXPECT_TRUE(database.empty());
}

TEST(ListDatabase, AppendsKeepOrderAndLaterReadsOfTheSameTxnSeeThem) {
    ListDatabase database;
    const auto result = database.apply(
        ops(R"([["append",1,6],["r",1,null],["append",1,7],["append",2,9],["r",1,null]])"));
    EXPECT_EQ(result.completed,
              ops(R"([["append",1,6],["r",1,[6]],["append",1,7],["append",2,9],["r",1,[6,7]]])"));
    EXPECT_TRUE(result.appended);
    EXPECT_EQ(database.read(1), json::parse("[6,7]"));
    EXPECT_EQ(database.read(2), json::parse("[9]"));
    EXPECT_EQ(database.element_count(), 3U);
}

TEST(ListDatabase, KeysOfDifferentJsonTypesAreDifferentKeys) {
    ListDatabase database;
    database.apply(ops(R"([["append",1,1],["append","1",2]])"));
    EXPECT_EQ(database.read(1), json::parse("[1]"));
    EXPECT_EQ(database.read("1"), json::parse("[2]"));
}

TEST(ListDatabase, MalformedTransactionsChangeNothing) {
    for (const char* bad : {R"([["append",1,6],["w",1,2]])", R"([["append",1,6],["r",1]])",
                            R"([["append",1,6],7])", R"([["append",1,6],["r",1,5]])"}) {
        ListDatabase database;
        EXPECT_THROW(database.apply(ops(bad)), std::invalid_argument) << bad;
        EXPECT_TRUE(database.empty()) << bad;
    }
}

TEST(ListDatabase, ReadOnlyMeansNoAppend) {
    EXPECT_TRUE(read_only(ops(R"([["r",1,null],["r",2,null]])")));
    EXPECT_TRUE(read_only(ops("[]")));
    EXPECT_FALSE(read_only(ops(R"([["r",1,null],["append",2,3]])")));
}

TEST(ListDatabase, EncodingIsDeterministicAndRoundTrips) {
    ListDatabase one;
    one.apply(ops(R"([["append",3,1],["append",1,1],["append",3,2]])"));
    ListDatabase other;
    other.apply(ops(R"([["append",1,1]])"));
    other.apply(ops(R"([["append",3,1],["append",3,2]])"));
    // Equal databases encode to equal values, whatever order built them.
    EXPECT_EQ(one.encode(), json::parse("[[1,[1]],[3,[1,2]]]"));
    EXPECT_EQ(other.encode(), one.encode());
    const auto decoded = ListDatabase::decode(one.encode());
    EXPECT_EQ(decoded, one);
    EXPECT_EQ(decoded.element_count(), 3U);
}

TEST(ListDatabase, NullDecodesToTheEmptyDatabase) {
    EXPECT_TRUE(ListDatabase::decode(nullptr).empty());
    EXPECT_EQ(ListDatabase().encode(), json::array());
}

TEST(ListDatabase, CorruptStoredValuesAreNotBlamedOnTheRequest) {
    for (const char* bad : {R"({"1":[1]})", "[[1]]", "[[1,2]]", "[[1,[1]],[1,[2]]]"}) {
        EXPECT_THROW(ListDatabase::decode(json::parse(bad)), std::runtime_error) << bad;
        try {
            ListDatabase::decode(json::parse(bad));
        } catch (const std::invalid_argument&) {
            ADD_FAILURE() << bad << " reported as a malformed request";
        } catch (const std::runtime_error&) {
        }
    }
}

}  // namespace
}  // namespace txn_list_append
