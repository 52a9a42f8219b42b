// Nothing leaves a node before init names it: timers wait for init, early
// replies come from the id the request was addressed to, and sends from other
// threads are held until the id is known. A line with an empty "src" is
// misaddressed, and Maelstrom stops reading a node that writes one.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "node_harness.hpp"

namespace maelstrom::testing {
namespace {

// Every line the node wrote, as the test saw it (the responder sees them all first).
class OutputLog {
  public:
    void attach(NodeHarness& harness) {
        harness.set_responder([this](const json::object& envelope) {
            std::lock_guard lock(mutex_);
            lines_.push_back(envelope);
            return envelope.at("dest") != "c0" && envelope.at("dest") != "c1";
        });
    }
    std::vector<json::object> lines() const {
        std::lock_guard lock(mutex_);
        return lines_;
    }

  private:
    mutable std::mutex mutex_;
    std::vector<json::object> lines_;
};

std::size_t index_of_type(const std::vector<json::object>& lines, std::string_view type) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (body_of(lines[i]).at("type") == json::value(type)) {
            return i;
        }
    }
    return lines.size();
}

TEST(InitOrder, TimersArmedBeforeInitStartAfterInitAndNeverSendWithoutAnId) {
    OutputLog output;
    NodeHarness harness;
    output.attach(harness);
    std::atomic<int> runs{0};
    std::atomic<bool> ran_before_init{false};
    std::atomic<bool> initialised{false};
    harness.node().on_init([&] { initialised = true; });
    harness.node().every(std::chrono::milliseconds(2), [&] {
        if (!initialised.load()) {
            ran_before_init = true;
        }
        ++runs;
        harness.node().send("seq-kv", {{"type", "read"}, {"key", "k"}});
    });
    harness.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(runs.load(), 0);
    EXPECT_EQ(body_of(harness.init()).at("type"), "init_ok");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (runs.load() < 3 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    harness.close_input();
    ASSERT_TRUE(harness.wait_finished());
    EXPECT_GE(runs.load(), 3);
    EXPECT_FALSE(ran_before_init.load());
    const auto lines = output.lines();
    for (const auto& line : lines) {
        EXPECT_EQ(line.at("src"), "n0") << json::serialize(line);
    }
    EXPECT_LT(index_of_type(lines, "init_ok"), index_of_type(lines, "read"));
}

TEST(InitOrder, ErrorElevenBeforeInitComesFromTheAddressedId) {
    NodeHarness harness;
    harness.node().handle("echo", [&](const Message& request) {
        harness.node().reply(request, {{"type", "echo_ok"}, {"echo", request.get("echo")}});
    });
    harness.start();
    harness.send("c1", "n4", {{"type", "echo"}, {"msg_id", 1}, {"echo", "early"}});
    const auto reply = harness.next();
    EXPECT_EQ(reply.at("src"), "n4");
    EXPECT_EQ(body_of(reply).at("code"), 11);
}

TEST(InitOrder, SendsFromOtherThreadsBeforeInitAreHeldAndKeepTheirOrder) {
    NodeHarness harness;
    harness.start();
    std::thread early([&] {
        for (int i = 0; i < 50; ++i) {
            harness.node().send("n1", {{"type", "note"}, {"i", i}});
        }
    });
    early.join();
    // Not harness.init(): it would take the first line out as init's answer.
    harness.send("c0", "n2",
                 {{"type", "init"},
                  {"msg_id", 1},
                  {"node_id", "n2"},
                  {"node_ids", json::array{"n0", "n1", "n2"}}});
    // init_ok may come before or after the held notes; the notes keep their order.
    int next_note = 0;
    bool saw_init_ok = false;
    while (next_note < 50 || !saw_init_ok) {
        const auto line = harness.next();
        EXPECT_EQ(line.at("src"), "n2") << json::serialize(line);
        const auto body = body_of(line);
        if (body.at("type") == "init_ok") {
            saw_init_ok = true;
            continue;
        }
        EXPECT_EQ(body.at("i"), next_note);
        ++next_note;
    }
}

TEST(InitOrder, AnRpcStartedBeforeInitIsSentOnceTheNodeIsNamed) {
    NodeHarness harness;
    harness.set_responder([&](const json::object& envelope) {
        if (envelope.at("dest") != "n1") {
            return false;
        }
        EXPECT_EQ(envelope.at("src"), "n0");
        harness.send("n1", "n0",
                     {{"type", "pong"}, {"in_reply_to", body_of(envelope).at("msg_id")}});
        return true;
    });
    harness.start();
    std::promise<std::string> answered;
    harness.node().rpc("n1", {{"type", "ping"}},
                       [&](std::optional<rpc_error> error, Message reply) {
                           answered.set_value(error ? error->what() : std::string(reply.type()));
                       });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    harness.init();
    EXPECT_EQ(answered.get_future().get(), "pong");
}

}  // namespace
}  // namespace maelstrom::testing
