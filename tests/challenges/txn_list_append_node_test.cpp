// The txn-list-append node driven through pipes, with the test playing the
// clients and Maelstrom's lin-kv service.
#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lib/node_harness.hpp"
#include "txn-list-append/list_append_node.hpp"

namespace txn_list_append {
namespace {

using maelstrom::testing::NodeHarness;
using namespace std::chrono_literals;

maelstrom::NodeOptions fast_timeouts() {
    maelstrom::NodeOptions options;
    options.rpc_timeout = 200ms;
    options.shutdown_grace = 200ms;
    return options;
}

class ListAppendNodeTest : public ::testing::Test {
  protected:
    ListAppendNodeTest() : harness(fast_timeouts()), node(harness.node(), no_pauses(), 200ms) {
        harness.set_responder([this](const json::object& e) { return play_lin_kv(e); });
        harness.start();
        harness.init("n0", {"n0", "n1", "n2"});
    }

    // The node's handlers use `node`, which is destroyed before the harness.
    ~ListAppendNodeTest() override {
        harness.close_input();
        harness.wait_finished();
    }

    static CommitterOptions no_pauses() {
        CommitterOptions options;
        options.max_backoff = 0ms;
        return options;
    }

    // lin-kv's read and cas (with create_if_not_exists) on any key.
    bool play_lin_kv(const json::object& envelope) {
        if (envelope.at("dest") != "lin-kv") {
            return false;
        }
        const auto& body = envelope.at("body").as_object();
        json::object reply{{"in_reply_to", body.at("msg_id")}};
        {
            std::lock_guard lock(mutex);
            requests.push_back(std::string(body.at("type").as_string()));
            if (silent) {
                return true;
            }
            if (slow) {
                std::this_thread::sleep_for(30ms);
            }
            if (other_writer_next) {
                stored = json::parse(*other_writer_next);
                other_writer_next.reset();
            }
            if (body.at("type") == "read") {
                if (stored.is_null()) {
                    reply["type"] = "error";
                    reply["code"] = 20;
                } else {
                    reply["type"] = "read_ok";
                    reply["value"] = stored;
                }
            } else if (stored.is_null() || stored == body.at("from")) {
                stored = body.at("to");
                reply["type"] = "cas_ok";
            } else {
                reply["type"] = "error";
                reply["code"] = 22;
            }
        }
        harness.send("lin-kv", "n0", std::move(reply));
        return true;
    }

    json::object run_txn(std::int64_t msg_id, const char* operations) {
        harness.send("c1", "n0",
                     {{"type", "txn"}, {"msg_id", msg_id}, {"txn", json::parse(operations)}});
        auto envelope = harness.next();
        return envelope.at("body").as_object();
    }

    std::vector<std::string> sent_to_lin_kv() {
        std::lock_guard lock(mutex);
        return requests;
    }

    // Declared before the harness: its reader thread may use them until the
    // harness is destroyed.
    std::mutex mutex;
    json::value stored;
    bool silent = false;
    bool slow = false;  // lin-kv answers after 30 ms
    std::optional<std::string> other_writer_next;
    std::vector<std::string> requests;
    NodeHarness harness;
    ListAppendNode node;
};

TEST_F(ListAppendNodeTest, RepliesCarryExactlyTheWorkloadsKeys) {
    const auto reply = run_txn(1, R"([["append",1,6],["r",1,null],["r",2,null]])");
    EXPECT_EQ(reply, json::parse(R"({"type":"txn_ok","in_reply_to":1,)"
                                 R"("txn":[["append",1,6],["r",1,[6]],["r",2,null]]})"));
    EXPECT_EQ(run_txn(2, R"([["r",1,null]])"),
              json::parse(R"({"type":"txn_ok","in_reply_to":2,"txn":[["r",1,[6]]]})"));
    EXPECT_EQ(sent_to_lin_kv(), (std::vector<std::string>{"cas", "read"}));
}

TEST_F(ListAppendNodeTest, AppendsOnTopOfAnotherNodesCommit) {
    run_txn(1, R"([["append",1,1]])");
    {
        std::lock_guard lock(mutex);
        other_writer_next = R"([[1,[1,2]],[3,[1]]])";
    }
    EXPECT_EQ(run_txn(2, R"([["append",1,3],["r",1,null],["r",3,null]])").at("txn"),
              json::parse(R"([["append",1,3],["r",1,[1,2,3]],["r",3,[1]]])"));
    EXPECT_EQ(sent_to_lin_kv(), (std::vector<std::string>{"cas", "cas", "read", "cas"}));
}

TEST_F(ListAppendNodeTest, MalformedTransactionsGetDefiniteErrorsAndSendNothing) {
    for (const char* bad : {R"([["w",1,2]])", R"([["append",1]])", R"(7)"}) {
        const auto reply = run_txn(1, bad);
        EXPECT_EQ(reply.at("type"), "error") << bad;
        EXPECT_EQ(reply.at("code"), 12) << bad;
    }
    EXPECT_TRUE(sent_to_lin_kv().empty());
    EXPECT_EQ(run_txn(2, R"([["append",1,1]])").at("type"), "txn_ok");
}

TEST_F(ListAppendNodeTest, AnUnansweredCommitIsIndefinite) {
    {
        std::lock_guard lock(mutex);
        silent = true;
    }
    const auto reply = run_txn(1, R"([["append",1,1]])");
    EXPECT_EQ(reply.at("type"), "error");
    EXPECT_EQ(reply.at("code"), 0);  // timeout: the cas may have been applied
}

// The committer waits for lin-kv on the thread that holds the input: it must
// hand reading on at once (Node::block_on), or the reply it waits for is read
// only once the node's stall check finds the thread blocked.
TEST_F(ListAppendNodeTest, WaitingForLinKvHandsReadingOnAtOnce) {
    std::mutex lines_mutex;
    std::vector<std::string> lines;
    const auto level = maelstrom::current_log_level();
    maelstrom::set_log_level(maelstrom::log_level::debug);
    maelstrom::set_log_sink([&](maelstrom::log_level, std::string_view line) {
        std::lock_guard lock(lines_mutex);
        lines.emplace_back(line);
    });
    {
        std::lock_guard lock(mutex);
        slow = true;
    }
    EXPECT_EQ(run_txn(1, R"([["append",1,1]])").at("type"), "txn_ok");
    EXPECT_EQ(run_txn(2, R"([["r",1,null]])").at("type"), "txn_ok");
    maelstrom::set_log_sink(nullptr);
    maelstrom::set_log_level(level);
    std::lock_guard lock(lines_mutex);
    for (const auto& line : lines) {
        EXPECT_EQ(line.find("a handler blocked on the input thread"), std::string::npos) << line;
    }
}

}  // namespace
}  // namespace txn_list_append
