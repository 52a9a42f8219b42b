// The txn-rw-register node driven through pipes, with the test playing the
// clients and the other node, including a partition.
#include "txn-rw-register/txn_node.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "lib/node_harness.hpp"
#include "txn-rw-register/outbox.hpp"
#include "txn-rw-register/register_store.hpp"

namespace txn {
namespace {

using maelstrom::testing::body_of;
using maelstrom::testing::NodeHarness;
using namespace std::chrono_literals;

maelstrom::NodeOptions fast_timeouts() {
    maelstrom::NodeOptions options;
    options.rpc_timeout = 200ms;
    options.shutdown_grace = 200ms;
    return options;
}

// n0 under test; the test plays n1, which stays unreachable (its replies are
// lost) until `partitioned` is cleared.
class TxnNodeTest : public ::testing::Test {
  protected:
    TxnNodeTest() : harness(fast_timeouts()), node(harness.node()) {
        harness.set_responder([this](const json::object& e) { return play_n1(e); });
        harness.start();
        harness.init("n0", {"n0", "n1"});
    }

    bool play_n1(const json::object& envelope) {
        const auto& body = envelope.at("body").as_object();
        if (envelope.at("dest") != "n1" || body.contains("in_reply_to")) {
            return false;
        }
        std::lock_guard lock(mutex);
        batches.push_back(body.at("batch").as_object());
        changed.notify_all();
        if (!partitioned) {
            harness.send("n1", "n0",
                         {{"type", "replicate_ok"},
                          {"up_to", body.at("batch").at("last")},
                          {"in_reply_to", body.at("msg_id")}});
        }
        return true;
    }

    json::value run_txn(std::int64_t msg_id, const char* operations) {
        harness.send("c1", "n0",
                     {{"type", "txn"}, {"msg_id", msg_id}, {"txn", json::parse(operations)}});
        auto reply = body_of(harness.next());
        EXPECT_EQ(reply.at("type"), "txn_ok") << json::serialize(reply);
        return reply.at("txn");
    }

    // Waits for n0 to have sent n1 at least `count` batches.
    std::vector<json::object> batches_seen(std::size_t count) {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, 10s, [&] { return batches.size() >= count; });
        return batches;
    }

    ~TxnNodeTest() override {
        harness.close_input();
        harness.wait_finished();
    }

    // Declared before the harness: its reader thread may use them until the
    // harness is destroyed.
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<json::object> batches;
    bool partitioned = true;
    NodeHarness harness;
    TxnNode node;
};

TEST_F(TxnNodeTest, TransactionsAreAnsweredWhileThePeerIsUnreachable) {
    EXPECT_EQ(run_txn(2, R"([["r",1,null],["w",1,5],["r",1,null]])"),
              json::parse(R"([["r",1,null],["w",1,5],["r",1,5]])"));
    EXPECT_EQ(run_txn(3, R"([["r",1,null]])"), json::parse(R"([["r",1,5]])"));
}

TEST_F(TxnNodeTest, OnlyFinalWritesAreReplicatedAndResentUntilAcknowledged) {
    run_txn(2, R"([["w",1,5],["w",1,6],["w",2,7]])");
    auto seen = batches_seen(2);
    ASSERT_GE(seen.size(), 2u);
    EXPECT_EQ(seen[0], seen[1]);
    auto batch = json::value_to<ReplicationBatch>(json::value(seen[0]));
    ASSERT_EQ(batch.txns.size(), 1u);
    EXPECT_EQ(json::value_from(batch.txns[0].writes), json::parse("[[1,6],[2,7]]"));
    {
        std::lock_guard lock(mutex);
        partitioned = false;
    }
    run_txn(3, R"([["w",3,1]])");
    // After the heal the backlog, now including the new write set, arrives.
    for (std::size_t count = seen.size() + 1;; ++count) {
        auto later = batches_seen(count);
        ASSERT_GE(later.size(), count) << "the new write set was never replicated";
        auto last = json::value_to<ReplicationBatch>(json::value(later.back()));
        if (!last.txns.empty() && last.txns.back().writes[0].first == json::value(3)) {
            break;
        }
    }
}

TEST_F(TxnNodeTest, RemoteWriteSetsApplyTogetherAndHighestVersionWins) {
    auto remote = [&](std::int64_t msg_id, std::int64_t lamport, const char* writes) {
        ReplicationBatch batch{1, {WriteSet{Version{lamport, 1}, {}}}};
        json::value parsed = json::parse(writes);
        for (const auto& write : parsed.as_array()) {
            batch.txns[0].writes.emplace_back(write.as_array()[0], write.as_array()[1]);
        }
        harness.send(
            "n1", "n0",
            {{"type", "replicate"}, {"msg_id", msg_id}, {"batch", json::value_from(batch)}});
        EXPECT_EQ(body_of(harness.next()).at("type"), "replicate_ok");
    };
    remote(2, 100, "[[1,7],[2,8]]");
    EXPECT_EQ(run_txn(3, R"([["r",1,null],["r",2,null]])"),
              json::parse(R"([["r",1,7],["r",2,8]])"));
    run_txn(4, R"([["w",1,9]])");
    remote(5, 50, "[[1,70]]");
    EXPECT_EQ(run_txn(6, R"([["r",1,null]])"), json::parse(R"([["r",1,9]])"));
}

TEST_F(TxnNodeTest, MalformedTransactionGetsAnErrorAndTheNodeCarriesOn) {
    harness.send("c1", "n0",
                 {{"type", "txn"}, {"msg_id", 2}, {"txn", json::parse(R"([["x",1,2]])")}});
    auto reply = body_of(harness.next());
    EXPECT_EQ(reply.at("type"), "error");
    EXPECT_EQ(reply.at("code"), 12);
    EXPECT_EQ(run_txn(3, R"([["r",1,null]])"), json::parse(R"([["r",1,null]])"));
}

}  // namespace
}  // namespace txn
