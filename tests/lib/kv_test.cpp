// KV and TSO clients against an in-test lin-kv / lin-tso, in all three styles.
#include <gtest/gtest.h>

#include <future>

#include "fake_services.hpp"

namespace maelstrom::testing {
namespace {

struct Account {
    std::int64_t balance = 0;
    std::string owner;
};
BOOST_DESCRIBE_STRUCT(Account, (), (balance, owner))

class KvTest : public ::testing::Test {
  protected:
    KvTest() : services(harness) { harness.set_responder(services.responder()); }

    // Runs fn inside a handler (where blocking is allowed) and returns its result.
    json::object in_handler(std::function<json::object()> fn) {
        harness.node().handle("test", [this, fn](const Message& request) {
            json::object out;
            try {
                out = fn();
            } catch (const std::exception& e) {
                out["exception"] = e.what();
            }
            out["type"] = "done";
            harness.node().reply(request, std::move(out));
        });
        harness.start();
        harness.init();
        harness.send("c1", "n0", {{"type", "test"}, {"msg_id", 2}});
        return body_of(harness.next());
    }

    NodeHarness harness;
    FakeServices services;
};

TEST_F(KvTest, SyncReadWriteCasAndErrors) {
    const auto out = in_handler([&] {
        LinKV kv(harness.node());
        json::object result;
        try {
            kv.read("missing");
        } catch (const rpc_error& e) {
            result["missing_code"] = static_cast<std::int64_t>(e.code());
        }
        constexpr std::int64_t big = 9007199254740993;  // not representable as a double
        kv.write("big", big);
        result["big"] = kv.read<std::int64_t>("big");
        kv.cas("big", big, 1);
        try {
            kv.cas("big", 5, 6);
        } catch (const rpc_error& e) {
            result["cas_code"] = static_cast<std::int64_t>(e.code());
        }
        try {
            kv.cas("absent", 0, 1);
        } catch (const rpc_error& e) {
            result["cas_missing_code"] = static_cast<std::int64_t>(e.code());
        }
        kv.cas("created", 0, 7, true);
        result["created"] = kv.read<std::int64_t>("created");
        result["default"] = kv.read_or<std::int64_t>("nothing", -1);
        kv.write(json::value(42), Account{10, "ana"});
        const auto account = kv.read<Account>(json::value(42));
        result["owner"] = account.owner;
        result["untyped"] = kv.read("big");
        return result;
    });
    EXPECT_FALSE(out.contains("exception")) << out;
    EXPECT_EQ(out.at("missing_code"), 20);
    EXPECT_EQ(out.at("big").as_int64(), 9007199254740993);
    EXPECT_EQ(out.at("cas_code"), 22);
    EXPECT_EQ(out.at("cas_missing_code"), 20);
    EXPECT_EQ(out.at("created"), 7);
    EXPECT_EQ(out.at("default"), -1);
    EXPECT_EQ(out.at("owner"), "ana");
    EXPECT_EQ(out.at("untyped"), 1);
}

TEST_F(KvTest, UpdateRetriesUntilItsCasWins) {
    const auto out = in_handler([&] {
        SeqKV kv(harness.node());
        std::vector<std::thread> writers;
        for (int t = 0; t < 4; ++t) {
            writers.emplace_back([&] {
                for (int i = 0; i < 25; ++i) {
                    kv.update<std::int64_t>(
                        "counter", [](std::int64_t v) { return v + 1; }, 0);
                }
            });
        }
        for (auto& writer : writers) {
            writer.join();
        }
        return json::object{{"counter", kv.read<std::int64_t>("counter")}};
    });
    EXPECT_EQ(out.at("counter"), 100) << out;
}

TEST_F(KvTest, CoroutineStyle) {
    harness.node().handle("co", [&](const Message& request) -> asio::awaitable<void> {
        LinKV kv(harness.node());
        json::object out{{"type", "co_ok"}};
        co_await kv.co_write("k", 3);
        out["read"] = co_await kv.co_read<std::int64_t>("k");
        co_await kv.co_cas("k", 3, 4);
        out["after_cas"] = co_await kv.co_read("k");
        out["updated"] = co_await kv.co_update<std::int64_t>(
            "k", [](std::int64_t v) { return v * 10; }, 0);
        out["fallback"] = co_await kv.co_read_or<std::int64_t>("none", 9);
        try {
            co_await kv.co_cas("k", 0, 1);
        } catch (const rpc_error& e) {
            out["cas_code"] = static_cast<std::int64_t>(e.code());
        }
        TSO tso(harness.node());
        out["ts1"] = co_await tso.co_ts();
        out["ts2"] = co_await tso.co_ts();
        harness.node().reply(request, out);
    });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "co"}, {"msg_id", 2}});
    const auto out = body_of(harness.next());
    EXPECT_EQ(out.at("read"), 3);
    EXPECT_EQ(out.at("after_cas"), 4);
    EXPECT_EQ(out.at("updated"), 40);
    EXPECT_EQ(out.at("fallback"), 9);
    EXPECT_EQ(out.at("cas_code"), 22);
    EXPECT_EQ(out.at("ts1"), 0);
    EXPECT_EQ(out.at("ts2"), 1);
}

TEST_F(KvTest, CallbackStyle) {
    const auto out = in_handler([&] {
        LinKV kv(harness.node());
        json::object result;
        std::promise<void> written;
        kv.async_write("k", 11, [&](std::exception_ptr error) {
            EXPECT_FALSE(error);
            written.set_value();
        });
        written.get_future().get();
        std::promise<std::int64_t> read;
        kv.async_read<std::int64_t>("k", [&](std::exception_ptr error, std::int64_t value) {
            EXPECT_FALSE(error);
            read.set_value(value);
        });
        result["read"] = read.get_future().get();
        std::promise<std::int64_t> missing;
        kv.async_read("nope", [&](std::exception_ptr error, json::value) {
            try {
                std::rethrow_exception(error);
            } catch (const rpc_error& e) {
                missing.set_value(static_cast<std::int64_t>(e.code()));
            }
        });
        result["missing_code"] = missing.get_future().get();
        std::promise<std::int64_t> fallback;
        kv.async_read_or<std::int64_t>(
            "nope", 5, [&](std::exception_ptr, std::int64_t value) { fallback.set_value(value); });
        result["fallback"] = fallback.get_future().get();
        std::promise<std::int64_t> cas;
        kv.async_cas("k", 0, 1, false, [&](std::exception_ptr error) {
            try {
                std::rethrow_exception(error);
            } catch (const rpc_error& e) {
                cas.set_value(static_cast<std::int64_t>(e.code()));
            }
        });
        result["cas_code"] = cas.get_future().get();
        std::promise<std::int64_t> updated;
        kv.async_update<std::int64_t>(
            "k", [](std::int64_t v) { return v + 1; }, 0,
            [&](std::exception_ptr, std::int64_t value) { updated.set_value(value); });
        result["updated"] = updated.get_future().get();
        std::promise<std::int64_t> ts;
        TSO tso(harness.node());
        tso.async_ts([&](std::exception_ptr, std::int64_t value) { ts.set_value(value); });
        result["ts"] = ts.get_future().get();
        return result;
    });
    EXPECT_FALSE(out.contains("exception")) << out;
    EXPECT_EQ(out.at("read"), 11);
    EXPECT_EQ(out.at("missing_code"), 20);
    EXPECT_EQ(out.at("fallback"), 5);
    EXPECT_EQ(out.at("cas_code"), 22);
    EXPECT_EQ(out.at("updated"), 12);
    EXPECT_EQ(out.at("ts"), 0);
}

TEST_F(KvTest, ServiceTimeoutIsReportedAsTimeout) {
    services.drop_next(1);
    const auto out = in_handler([&] {
        LinKV kv(harness.node());
        kv.set_timeout(std::chrono::milliseconds(30));
        json::object result;
        try {
            kv.read("k");
        } catch (const rpc_error& e) {
            result["code"] = static_cast<std::int64_t>(e.code());
        }
        return result;
    });
    EXPECT_EQ(out.at("code"), 0);
}

}  // namespace
}  // namespace maelstrom::testing
