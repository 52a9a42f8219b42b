#include <gtest/gtest.h>

#include "node_harness.hpp"

namespace maelstrom::testing {
namespace {

TEST(Log, LevelsFilterMessages) {
    LogCapture logs(log_level::warn);
    log(log_level::warn, "shown ", 1);
    log(log_level::info, "hidden ", 2);
    EXPECT_TRUE(logs.contains("shown 1"));
    EXPECT_FALSE(logs.contains("hidden 2"));
}

TEST(Log, PerMessageLoggingOnlyAtDebug) {
    LogCapture logs(log_level::info);
    NodeHarness harness;
    harness.start();
    harness.init();
    EXPECT_FALSE(logs.contains("received from"));
    EXPECT_FALSE(logs.contains("sent "));
}

TEST(Log, DebugLevelLogsEveryMessage) {
    LogCapture logs(log_level::debug);
    NodeHarness harness;
    harness.start();
    harness.init();
    EXPECT_TRUE(logs.contains("received from c0"));
    EXPECT_TRUE(logs.contains("sent {\"src\":\"n0\",\"dest\":\"c0\""));
}

}  // namespace
}  // namespace maelstrom::testing
