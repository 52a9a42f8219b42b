// The KV client against the bench's seq-kv, which serves stale states exactly
// as Maelstrom's does (a per-node cursor, a random state between it and the
// newest): plain reads are stale, read_fresh and catch_up never are.
#include <gtest/gtest.h>

#include "node_harness.hpp"
#include "services/services.hpp"

namespace maelstrom::testing {
namespace {

class SeqKvFreshness : public ::testing::Test {
  protected:
    SeqKvFreshness() : seq_kv(rng) {
        harness.set_responder([this](const json::object& envelope) {
            if (envelope.at("dest") != "seq-kv") {
                return false;
            }
            const auto& body = envelope.at("body").as_object();
            std::optional<json::object> reply;
            {
                std::lock_guard lock(mutex);
                reply = seq_kv.handle(std::string(envelope.at("src").as_string()), body);
            }
            if (reply) {
                (*reply)["in_reply_to"] = body.at("msg_id");
                harness.send("seq-kv", std::string(envelope.at("src").as_string()),
                             std::move(*reply));
            }
            return true;
        });
    }

    // Another node's write, acknowledged before the test goes on.
    void write_from_n1(std::int64_t value) {
        std::lock_guard lock(mutex);
        seq_kv.handle("n1", {{"type", "write"}, {"key", "k"}, {"value", value}});
    }

    json::object in_handler(std::function<void(json::object&)> fn) {
        harness.node().handle("test", [this, fn](const Message& request) {
            json::object out{{"type", "done"}};
            fn(out);
            harness.node().reply(request, std::move(out));
        });
        harness.start();
        harness.init();
        harness.send("c1", "n0", {{"type", "test"}, {"msg_id", 2}});
        return body_of(harness.next(std::chrono::seconds(60)));
    }

    sim::Rng rng{1};
    std::mutex mutex;
    sim::SeqKv seq_kv;
    NodeHarness harness;
};

constexpr std::int64_t kRounds = 100;

TEST_F(SeqKvFreshness, PlainReadsAreStaleFreshReadsNever) {
    const auto out = in_handler([&](json::object& result) {
        SeqKV kv(harness.node());
        std::int64_t stale_plain = 0;
        std::int64_t stale_fresh = 0;
        std::int64_t stale_after_catch_up = 0;
        for (std::int64_t i = 1; i <= kRounds; ++i) {
            write_from_n1(3 * i);
            stale_plain += kv.read_or<std::int64_t>("k", 0) < 3 * i ? 1 : 0;
            write_from_n1(3 * i + 1);
            stale_fresh += kv.read_fresh_or<std::int64_t>("k", 0) < 3 * i + 1 ? 1 : 0;
            write_from_n1(3 * i + 2);
            kv.catch_up();
            stale_after_catch_up += kv.read<std::int64_t>("k") < 3 * i + 2 ? 1 : 0;
        }
        result["stale_plain"] = stale_plain;
        result["stale_fresh"] = stale_fresh;
        result["stale_after_catch_up"] = stale_after_catch_up;
    });
    EXPECT_GT(out.at("stale_plain").as_int64(), 0) << out;
    EXPECT_EQ(out.at("stale_fresh"), 0) << out;
    EXPECT_EQ(out.at("stale_after_catch_up"), 0) << out;
}

TEST_F(SeqKvFreshness, UpdateThatChangesTheValueIsAppliedToTheNewestState) {
    const auto out = in_handler([&](json::object& result) {
        SeqKV kv(harness.node());
        std::int64_t lost = 0;
        for (std::int64_t i = 1; i <= kRounds; ++i) {
            // n1 moves the key on; an add computed from an older state must not win.
            write_from_n1(10 * i);
            const auto written = kv.update<std::int64_t>(
                "k", [](std::int64_t v) { return v + 1; }, 0);
            lost += written != 10 * i + 1 ? 1 : 0;
        }
        result["lost"] = lost;
    });
    EXPECT_EQ(out.at("lost"), 0) << out;
}

TEST_F(SeqKvFreshness, AnIdentityUpdateMayReturnAPastValueAsDocumented) {
    const auto out = in_handler([&](json::object& result) {
        SeqKV kv(harness.node());
        std::int64_t stale = 0;
        for (std::int64_t i = 1; i <= kRounds; ++i) {
            write_from_n1(i);
            stale += kv.update<std::int64_t>(
                         "k", [](std::int64_t v) { return v; }, 0) < i
                         ? 1
                         : 0;
        }
        result["stale"] = stale;
    });
    EXPECT_GT(out.at("stale").as_int64(), 0) << out;
}

}  // namespace
}  // namespace maelstrom::testing
