// The lin-kv baseline's log encoding.
#include <gtest/gtest.h>

#include "kafka/log_entries.hpp"

namespace kafka {
namespace {

json::array sample_log() {
    return json::array{json::array{5, "n0-0"}, json::array{6, "n1-0"}, json::array{7, "n0-1"}};
}

TEST(LogEntries, FindsTheOffsetOfARequest) {
    EXPECT_EQ(find_request(sample_log(), "n1-0"), 1);
    EXPECT_EQ(find_request(sample_log(), "n1-9"), std::nullopt);
}

TEST(LogEntries, RecordsStartAtTheRequestedOffset) {
    EXPECT_EQ(records_from(sample_log(), 1, 10), (std::vector<Record>{{1, 6}, {2, 7}}));
    EXPECT_EQ(records_from(sample_log(), 0, 1), (std::vector<Record>{{0, 5}}));
    EXPECT_TRUE(records_from(sample_log(), 3, 10).empty());
}

TEST(LogEntries, MalformedEntryEndsTheReadWithoutCrashing) {
    json::array entries = sample_log();
    entries[1] = "garbage";
    EXPECT_EQ(records_from(entries, 0, 10), (std::vector<Record>{{0, 5}}));
    EXPECT_EQ(find_request(entries, "n0-1"), 2);
}

TEST(LogEntries, KvKeysSeparateLogsFromCommits) {
    EXPECT_NE(log_kv_key("1"), committed_kv_key("1"));
}

}  // namespace
}  // namespace kafka
