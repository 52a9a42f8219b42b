// Keys of every type json::value_from accepts work on every KV call, in all
// three styles, and callbacks may take the error as std::optional<rpc_error>.
#include <gtest/gtest.h>

#include <future>
#include <string_view>

#include "fake_services.hpp"

namespace maelstrom::testing {
namespace {

class KvKeys : public ::testing::Test {
  protected:
    KvKeys() : services(harness) { harness.set_responder(services.responder()); }

    // Runs fn in a blocking handler and returns what it put in the reply.
    json::object in_handler(std::function<void(json::object&)> fn) {
        harness.node().handle("test", [this, fn](const Message& request) {
            json::object out{{"type", "done"}};
            fn(out);
            harness.node().reply(request, std::move(out));
        });
        return run("test");
    }

    json::object run(std::string type) {
        harness.start();
        harness.init();
        harness.send("c1", "n0", {{"type", std::move(type)}, {"msg_id", 2}});
        return body_of(harness.next());
    }

    NodeHarness harness;
    FakeServices services;
};

// Every key type, on every blocking call; each call names the same key.
template <class Key>
std::int64_t every_blocking_call(KV& kv, const Key& key) {
    kv.write(key, 1);
    kv.cas(key, 1, 2);
    kv.update<std::int64_t>(
        key, [](std::int64_t v) { return v + 1; }, 0);
    return kv.read<std::int64_t>(key) + kv.read_or<std::int64_t>(key, 0) +
           kv.read_fresh<std::int64_t>(key) + kv.read_fresh_or<std::int64_t>(key, 0);
}

TEST_F(KvKeys, EveryKeyTypeWorksOnEveryBlockingCall) {
    const auto out = in_handler([&](json::object& result) {
        SeqKV kv(harness.node());
        const std::string name = "by-string";
        const std::string_view view = "by-view";
        const char* c_string = "by-c-string";
        result["string"] = every_blocking_call(kv, name);
        result["view"] = every_blocking_call(kv, view);
        result["c_string"] = every_blocking_call(kv, c_string);
        result["literal"] = every_blocking_call(kv, "by-literal");
        result["int"] = every_blocking_call(kv, 42);
        result["int64"] = every_blocking_call(kv, std::int64_t{9007199254740993});
        result["value"] = every_blocking_call(kv, json::value("by-value"));
        // The same name through two types is one key.
        kv.write(std::string("shared"), 7);
        result["shared"] = kv.read<std::int64_t>(std::string_view("shared"));
    });
    for (const auto* name : {"string", "view", "c_string", "literal", "int", "int64", "value"}) {
        EXPECT_EQ(out.at(name), 12) << name;
    }
    EXPECT_EQ(out.at("shared"), 7);
}

TEST_F(KvKeys, EveryKeyTypeWorksInCoroutines) {
    harness.node().handle("co", [&](const Message& request) -> asio::awaitable<void> {
        SeqKV kv(harness.node());
        const std::string name = "co-key";
        const std::string_view view = "co-key";
        co_await kv.co_write(name, 1);
        co_await kv.co_cas(view, 1, 2);
        co_await kv.co_update<std::int64_t>(
            "co-key", [](std::int64_t v) { return v + 1; }, 0);
        json::object out{{"type", "co_ok"}};
        out["read"] = co_await kv.co_read<std::int64_t>(json::value("co-key"));
        out["read_or"] = co_await kv.co_read_or<std::int64_t>(7, 5);
        out["fresh"] = co_await kv.co_read_fresh<std::int64_t>(name);
        out["fresh_or"] = co_await kv.co_read_fresh_or<std::int64_t>(view, 0);
        harness.node().reply(request, std::move(out));
    });
    const auto out = run("co");
    EXPECT_EQ(out.at("read"), 3);
    EXPECT_EQ(out.at("read_or"), 5);
    EXPECT_EQ(out.at("fresh"), 3);
    EXPECT_EQ(out.at("fresh_or"), 3);
}

TEST_F(KvKeys, CallbacksTakeTheErrorAsAnOptionalRpcError) {
    const auto out = in_handler([&](json::object& result) {
        LinKV kv(harness.node());
        const std::string key = "cb";
        std::promise<bool> written;
        kv.async_write(key, 11, [&](std::optional<rpc_error> error) {
            written.set_value(!error.has_value());
        });
        result["written"] = written.get_future().get();
        std::promise<std::int64_t> read;
        kv.async_read<std::int64_t>(std::string_view("cb"),
                                    [&](std::optional<rpc_error> error, std::int64_t value) {
                                        read.set_value(error ? -1 : value);
                                    });
        result["read"] = read.get_future().get();
        std::promise<rpc_error> missing;
        kv.async_read("nope", [&](std::optional<rpc_error> error, json::value) {
            missing.set_value(error.value_or(rpc_error(error_code::crash, "no error")));
        });
        const auto error = missing.get_future().get();
        result["missing_code"] = static_cast<std::int64_t>(error.code());
        result["missing_text"] = error.text();
        std::promise<std::int64_t> cas;
        kv.async_cas(key, 0, 1, false, [&](std::optional<rpc_error> e) {
            cas.set_value(e ? static_cast<std::int64_t>(e->code()) : -1);
        });
        result["cas_code"] = cas.get_future().get();
        std::promise<std::int64_t> fresh;
        kv.async_read_fresh<std::int64_t>(
            key, [&](std::optional<rpc_error> e, std::int64_t v) { fresh.set_value(e ? -1 : v); });
        result["fresh"] = fresh.get_future().get();
        std::promise<std::int64_t> ts;
        TSO tso(harness.node());
        tso.async_ts([&](std::optional<rpc_error> e, std::int64_t v) { ts.set_value(e ? -1 : v); });
        result["ts"] = ts.get_future().get();
        std::promise<std::string> rpc;
        harness.node().rpc(
            "lin-kv", {{"type", "read"}, {"key", "nope"}},
            [&](std::optional<rpc_error> e, Message reply) {
                rpc.set_value(e ? maelstrom::error_name(e->code()) : std::string(reply.type()));
            });
        result["rpc"] = rpc.get_future().get();
    });
    EXPECT_EQ(out.at("written"), true);
    EXPECT_EQ(out.at("read"), 11);
    EXPECT_EQ(out.at("missing_code"), 20);
    EXPECT_EQ(out.at("missing_text"), "key does not exist");
    EXPECT_EQ(out.at("cas_code"), 22);
    EXPECT_EQ(out.at("fresh"), 11);
    EXPECT_EQ(out.at("ts"), 0);
    EXPECT_EQ(out.at("rpc"), "key-does-not-exist");
}

TEST_F(KvKeys, AMalformedRequestFieldIsAnsweredWithErrorTwelve) {
    harness.node().handle("add", [&](const Message& request) {
        const auto delta = request.get<std::int64_t>("delta");
        harness.node().reply(request, {{"type", "add_ok"}, {"seen", delta}});
    });
    harness.start();
    harness.init();
    harness.send("c1", "n0", {{"type", "add"}, {"msg_id", 2}, {"delta", "5"}});
    const auto reply = body_of(harness.next());
    EXPECT_EQ(reply.at("type"), "error");
    EXPECT_EQ(reply.at("code"), 12);
    EXPECT_NE(std::string_view(reply.at("text").as_string()).find("field \"delta\""),
              std::string_view::npos)
        << reply;
    harness.send("c1", "n0", {{"type", "add"}, {"msg_id", 3}});
    EXPECT_EQ(body_of(harness.next()).at("code"), 12);
    harness.send("c1", "n0", {{"type", "add"}, {"msg_id", 4}, {"delta", 5}});
    EXPECT_EQ(body_of(harness.next()).at("seen"), 5);
}

}  // namespace
}  // namespace maelstrom::testing
