// What a cut-off cycle search does to the txn checkers' verdicts: Elle's
// list-append result makes it unknown unless something prohibited was found;
// Maelstrom's txn-rw-register wrapper ignores it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "checkers/list_append_checker.hpp"
#include "checkers/txn_rw_register_checker.hpp"
#include "history_builder.hpp"

namespace {

namespace json = boost::json;
using sim::OpType;
using sim::Validity;
using simtest::HistoryBuilder;

// More transactions than the search's 64 attempts per component and kind.
constexpr int kRing = 80;

// kRing concurrent txns; txn i reads key i empty and writes key i+1, which
// txn i+1 read empty: one ring of rw edges, a G2-item, with 80 start edges
// of which no G-single-item can be closed.
HistoryBuilder ring_history(const std::string& write_f, const json::value& empty_read) {
    HistoryBuilder h;
    auto txn = [&](int i, const json::value& read) {
        return json::array{json::array{"r", i, read},
                           json::array{json::string(write_f), (i + 1) % kRing, i + 1}};
    };
    for (int i = 0; i < kRing; ++i) {
        h.add(i, OpType::invoke, "txn", txn(i, nullptr), i);
    }
    for (int i = 0; i < kRing; ++i) {
        h.add(i, OpType::ok, "txn", txn(i, empty_read), kRing + i);
    }
    return h;
}

bool lists(const json::object& report, const char* field, const std::string& type) {
    if (!report.contains(field)) {
        return false;
    }
    const auto& types = report.at(field).as_array();
    return std::find(types.begin(), types.end(), json::value(type)) != types.end();
}

TEST(ElleTimeoutVerdict, ListAppendWithOnlyATimeoutIsUnknown) {
    const auto h = ring_history("append", json::array{});
    // Snapshot isolation allows the fallback G2-item: the timeout is all
    // that is left.
    const auto r = sim::check_txn_list_append(h.history(), {"snapshot-isolation"});
    EXPECT_EQ(r.valid, Validity::unknown) << json::serialize(r.report);
    EXPECT_EQ(r.report.at("valid?"), json::value("unknown"));
    EXPECT_EQ(r.report.at("anomaly-types"), json::parse(R"(["cycle-search-timeout"])"));
    EXPECT_TRUE(lists(r.report, "allowed-anomaly-types", "G2-item"));
    const auto& timeout = r.report.at("anomalies").at("cycle-search-timeout").at(0);
    EXPECT_EQ(timeout, json::parse(R"({"type":"cycle-search-timeout",
        "anomaly-spec-type":"G-single-item","does-not-contain":[],"scc-size":80})"));
}

TEST(ElleTimeoutVerdict, ListAppendTimeoutWithAProhibitedAnomalyIsInvalid) {
    const auto h = ring_history("append", json::array{});
    const auto r = sim::check_txn_list_append(h.history(), {"serializable"});
    EXPECT_EQ(r.valid, Validity::invalid) << json::serialize(r.report);
    EXPECT_EQ(r.report.at("anomaly-types"), json::parse(R"(["G2-item","cycle-search-timeout"])"));
}

TEST(ElleTimeoutVerdict, RwRegisterIgnoresTheTimeoutAsMaelstromDoes) {
    const auto h = ring_history("w", nullptr);
    const auto allowed = sim::check_txn_rw_register(h.history(), {"snapshot-isolation"});
    EXPECT_EQ(allowed.valid, Validity::valid) << json::serialize(allowed.report);
    EXPECT_FALSE(lists(allowed.report, "anomaly-types", "cycle-search-timeout"));
    EXPECT_FALSE(allowed.report.at("anomalies").as_object().contains("cycle-search-timeout"));
    // The fallback cycle is still reported, as an allowed G2-item.
    EXPECT_TRUE(allowed.report.at("anomalies").as_object().contains("G2-item"));

    const auto prohibited = sim::check_txn_rw_register(h.history(), {"serializable"});
    EXPECT_EQ(prohibited.valid, Validity::invalid);
    EXPECT_EQ(prohibited.report.at("anomaly-types"), json::parse(R"(["G2-item"])"));
}

}  // namespace
