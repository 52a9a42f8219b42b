// Options of analyze and serve: Maelstrom's names and defaults.
#include "run/command_line.hpp"

#include <gtest/gtest.h>

namespace {

TEST(ServeOptions, DefaultToMaelstromsHostAndPort) {
    const auto parsed = sim::parse_serve_options({"serve"});
    const auto& o = std::get<sim::ServeOptions>(parsed);
    EXPECT_EQ(o.host, "0.0.0.0");
    EXPECT_EQ(o.port, 8080);
    EXPECT_EQ(o.store, "store");
}

TEST(ServeOptions, TakeHostPortAndStore) {
    const auto parsed =
        sim::parse_serve_options({"serve", "--host", "127.0.0.1", "--port=0", "--store", "s"});
    const auto& o = std::get<sim::ServeOptions>(parsed);
    EXPECT_EQ(o.host, "127.0.0.1");
    EXPECT_EQ(o.port, 0);
    EXPECT_EQ(o.store, "s");
    EXPECT_EQ(std::get<sim::ServeOptions>(sim::parse_serve_options({"serve", "-b", "::1"})).host,
              "::1");
}

TEST(ServeOptions, RejectBadPortsAndUnknownOptions) {
    for (const char* port : {"x", "-1", "65536", "80x"}) {
        EXPECT_TRUE(std::holds_alternative<sim::ParseError>(
            sim::parse_serve_options({"serve", "--port", port})))
            << port;
    }
    EXPECT_TRUE(std::holds_alternative<sim::ParseError>(
        sim::parse_serve_options({"serve", "--nope", "1"})));
    EXPECT_TRUE(std::holds_alternative<sim::ParseError>(sim::parse_serve_options({"serve", "-p"})));
    EXPECT_TRUE(
        std::holds_alternative<sim::HelpRequested>(sim::parse_serve_options({"serve", "--help"})));
}

TEST(AnalyzeOptions, DefaultToTheLatestRun) {
    const auto o = std::get<sim::AnalyzeOptions>(sim::parse_analyze_options({"analyze"}));
    EXPECT_EQ(o.test, "-1");
    EXPECT_EQ(o.store, "store");
    const auto t =
        std::get<sim::AnalyzeOptions>(sim::parse_analyze_options({"analyze", "-t", "-3"}));
    EXPECT_EQ(t.test, "-3");
    const auto path = std::get<sim::AnalyzeOptions>(
        sim::parse_analyze_options({"analyze", "--test=store/echo/latest"}));
    EXPECT_EQ(path.test, "store/echo/latest");
}

TEST(TestOptions, TestCountIsAccepted) {
    const auto parsed =
        sim::parse_options({"test", "-w", "echo", "--bin", "x", "--test-count", "3"});
    EXPECT_EQ(std::get<sim::Options>(parsed).test_count, 3);
    EXPECT_TRUE(std::holds_alternative<sim::ParseError>(
        sim::parse_options({"test", "-w", "echo", "--bin", "x", "--test-count", "0"})));
}

}  // namespace
