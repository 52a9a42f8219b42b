#include "reports/journal_writer.hpp"

#include <gtest/gtest.h>
#include <time.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "scratch_dir.hpp"

namespace {

TEST(JournalWriter, WritesOneJsonLinePerEventWithTheWholeMessage) {
    const ScratchDir dir;
    const auto file = dir / "net-journal.jsonl";
    sim::Message message{7, "n1", "c\"2", {{"type", "read_ok"}, {"messages", {1, 2}}}, {}};
    {
        sim::JournalWriter writer(file);
        writer.write(0, sim::NetEvent{100, sim::NetEventKind::send, 7, 200}, message);
        // As the network hands it over: with the line laid at send.
        message.wire = sim::to_wire_line(message);
        writer.write(1, sim::NetEvent{250, sim::NetEventKind::recv, 7, 200}, message);
    }
    std::ifstream in(file);
    std::vector<boost::json::value> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(boost::json::parse(line));
    }
    ASSERT_EQ(lines.size(), 2U);
    const boost::json::value expected_message = {
        {"id", 7},
        {"src", "n1"},
        {"dest", "c\"2"},
        {"body", {{"type", "read_ok"}, {"messages", {1, 2}}}}};
    EXPECT_EQ(lines[0], (boost::json::value{{"id", 0},
                                            {"time", 100},
                                            {"type", "send"},
                                            {"due", 200},
                                            {"message", expected_message}}));
    EXPECT_EQ(lines[1], (boost::json::value{{"id", 1},
                                            {"time", 250},
                                            {"type", "recv"},
                                            {"due", 200},
                                            {"message", expected_message}}));
    std::filesystem::remove(file);
}

// Journal times count from the run's time zero, which :bench gives as a CLOCK_MONOTONIC
// reading; that holds only while the steady clock is CLOCK_MONOTONIC.
TEST(JournalWriter, TimesMapOntoClockMonotonic) {
    const auto steady = std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::steady_clock::now().time_since_epoch())
                            .count();
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    const std::int64_t monotonic = std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
    EXPECT_GE(monotonic, steady);
    EXPECT_LT(monotonic - steady, 1'000'000'000);
}

}  // namespace
