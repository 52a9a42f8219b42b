#include <gtest/gtest.h>

#include "kafka/request_ledger.hpp"

namespace kafka {
namespace {

using Status = RequestLedger::Status;

TEST(RequestId, ParsesOriginAndNumber) {
    const auto id = RequestId::parse("n12-345");
    ASSERT_TRUE(id);
    EXPECT_EQ(id->origin, "n12");
    EXPECT_EQ(id->number, 345);
    const auto dashed = RequestId::parse("node-a-7");
    ASSERT_TRUE(dashed);
    EXPECT_EQ(dashed->origin, "node-a");
    EXPECT_EQ(dashed->number, 7);
}

TEST(RequestId, RejectsAnythingElse) {
    for (const char* text :
         {"", "n1", "-5", "n1-", "n1-x", "n1-5x", "n1- 5", "n1-99999999999999999999"}) {
        EXPECT_FALSE(RequestId::parse(text)) << text;
    }
}

TEST(RequestLedger, RemembersTheOffsetOfEachRequestInItsWindow) {
    RequestLedger ledger(8);
    EXPECT_EQ(ledger.find({"n1", 0}).status, Status::fresh);
    ledger.record({"n1", 0}, 40);
    ledger.record({"n2", 0}, 41);
    EXPECT_EQ(ledger.find({"n1", 0}).status, Status::stored);
    EXPECT_EQ(ledger.find({"n1", 0}).offset, 40);
    EXPECT_EQ(ledger.find({"n2", 0}).offset, 41);
    EXPECT_EQ(ledger.find({"n1", 1}).status, Status::fresh);
}

TEST(RequestLedger, StaysBoundedAndCallsRequestsBelowTheWindowTooOld) {
    RequestLedger ledger(8);
    for (std::int64_t n = 0; n < 1000; ++n) {
        if (n != 500) {  // one request that never arrives in time
            ledger.record({"n1", n}, n);
        }
    }
    EXPECT_EQ(ledger.offsets_kept(), 8u);
    EXPECT_EQ(ledger.find({"n1", 999}).offset, 999);
    EXPECT_EQ(ledger.find({"n1", 992}).status, Status::stored);
    EXPECT_EQ(ledger.find({"n1", 991}).status, Status::too_old);
    EXPECT_EQ(ledger.find({"n1", 500}).status, Status::too_old);
    ledger.record({"n1", 500}, 7);  // arriving now changes nothing
    EXPECT_EQ(ledger.find({"n1", 500}).status, Status::too_old);
    EXPECT_EQ(ledger.offsets_kept(), 8u);
}

TEST(RequestLedger, ALateRequestInsideTheWindowIsStillFresh) {
    RequestLedger ledger(8);
    ledger.record({"n1", 0}, 0);
    ledger.record({"n1", 2}, 1);
    EXPECT_EQ(ledger.find({"n1", 1}).status, Status::fresh);
    ledger.record({"n1", 1}, 2);
    EXPECT_EQ(ledger.find({"n1", 1}).offset, 2);
}

}  // namespace
}  // namespace kafka
