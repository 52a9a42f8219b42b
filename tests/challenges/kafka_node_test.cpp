// The kafka nodes driven through pipes, with the test playing the clients,
// the other node and lin-kv, including lost replies.
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "kafka/key_log.hpp"
#include "kafka/linkv_node.hpp"
#include "kafka/log_entries.hpp"
#include "kafka/log_store.hpp"
#include "kafka/owner_node.hpp"
#include "kafka/ownership.hpp"
#include "kafka/requests.hpp"
#include "lib/node_harness.hpp"

namespace kafka {
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

// A key whose owner in {n0, n1} is `node`.
std::string key_owned_by(const std::string& node) {
    const std::vector<std::string> ids{"n0", "n1"};
    for (int i = 0;; ++i) {
        if (owner_of(std::to_string(i), ids) == node) {
            return std::to_string(i);
        }
    }
}

json::object request(const char* type, std::int64_t msg_id, json::object fields) {
    fields["type"] = type;
    fields["msg_id"] = msg_id;
    return fields;
}

// lin-kv that applies every request but, on demand, loses the reply to the
// next compare-and-set or answers it with an indefinite error.
class LossyLinKv {
  public:
    enum class fault { none, lose_reply, crash_reply };

    void attach(NodeHarness& harness) { harness_ = &harness; }

    void inject(fault next_cas) {
        std::lock_guard lock(mutex_);
        next_cas_ = next_cas;
    }
    json::value value(const std::string& key) {
        std::lock_guard lock(mutex_);
        auto found = store_.find(key);
        return found == store_.end() ? json::value() : found->second;
    }

    bool answer(const json::object& envelope) {
        if (envelope.at("dest") != "lin-kv") {
            return false;
        }
        const auto& body = envelope.at("body").as_object();
        json::object reply;
        {
            std::lock_guard lock(mutex_);
            const std::string key(body.at("key").as_string());
            auto found = store_.find(key);
            if (body.at("type") == "read") {
                reply = found == store_.end()
                            ? json::object{{"type", "error"}, {"code", 20}, {"text", "missing"}}
                            : json::object{{"type", "read_ok"}, {"value", found->second}};
            } else if (found == store_.end() ? !body.at("create_if_not_exists").as_bool()
                                             : found->second != body.at("from")) {
                reply = {{"type", "error"}, {"code", 22}, {"text", "mismatch"}};
            } else {
                store_[key] = body.at("to");
                reply = {{"type", "cas_ok"}};
                auto injected = std::exchange(next_cas_, fault::none);
                if (injected == fault::lose_reply) {
                    return true;
                }
                if (injected == fault::crash_reply) {
                    reply = {{"type", "error"}, {"code", 13}, {"text", "crashed"}};
                }
            }
        }
        reply["in_reply_to"] = body.at("msg_id");
        harness_->send("lin-kv", std::string(envelope.at("src").as_string()), std::move(reply));
        return true;
    }

  private:
    NodeHarness* harness_ = nullptr;
    std::mutex mutex_;
    std::map<std::string, json::value> store_;
    fault next_cas_ = fault::none;
};

class LinKvNodeTest : public ::testing::Test {
  protected:
    LinKvNodeTest() : harness(fast_timeouts()), node(harness.node()) {
        kv.attach(harness);
        harness.set_responder([this](const json::object& e) { return kv.answer(e); });
        harness.start();
        harness.init("n0", {"n0", "n1"});
    }

    std::int64_t send(std::int64_t msg_id, int msg) {
        harness.send("c1", "n0", request("send", msg_id, {{"key", "k"}, {"msg", msg}}));
        auto reply = body_of(harness.next());
        EXPECT_EQ(reply.at("type"), "send_ok") << json::serialize(reply);
        return reply.at("offset").as_int64();
    }

    // The node stops before the handlers' owner goes away.
    ~LinKvNodeTest() override {
        harness.close_input();
        harness.wait_finished();
    }

    // Declared before the harness: its reader thread may use them until the
    // harness is destroyed.
    LossyLinKv kv;
    NodeHarness harness;
    LinKvNode node;
};

TEST_F(LinKvNodeTest, SendsGetConsecutiveOffsets) {
    EXPECT_EQ(send(2, 10), 0);
    EXPECT_EQ(send(3, 11), 1);
    EXPECT_EQ(kv.value("log-k").as_array().size(), 2u);
}

TEST_F(LinKvNodeTest, LostCasReplyIsResolvedWithoutAppendingTwice) {
    EXPECT_EQ(send(2, 10), 0);
    kv.inject(LossyLinKv::fault::lose_reply);
    EXPECT_EQ(send(3, 11), 1);
    EXPECT_EQ(kv.value("log-k").as_array().size(), 2u);
}

TEST_F(LinKvNodeTest, IndefiniteCasErrorIsResolvedWithoutAppendingTwice) {
    kv.inject(LossyLinKv::fault::crash_reply);
    EXPECT_EQ(send(2, 10), 0);
    EXPECT_EQ(send(3, 11), 1);
    EXPECT_EQ(kv.value("log-k").as_array().size(), 2u);
}

TEST_F(LinKvNodeTest, PollReturnsTheAcknowledgedMessagesAndCommitsAreMaxima) {
    send(2, 10);
    send(3, 11);
    harness.send("c1", "n0", request("poll", 4, {{"offsets", {{"k", 1}, {"other", 0}}}}));
    EXPECT_EQ(json::value(body_of(harness.next()).at("msgs")), json::parse(R"({"k":[[1,11]]})"));
    harness.send("c1", "n0", request("commit_offsets", 5, {{"offsets", {{"k", 1}}}}));
    EXPECT_EQ(body_of(harness.next()).at("type"), "commit_offsets_ok");
    harness.send("c1", "n0", request("commit_offsets", 6, {{"offsets", {{"k", 0}}}}));
    EXPECT_EQ(body_of(harness.next()).at("type"), "commit_offsets_ok");
    harness.send("c1", "n0", request("list_committed_offsets", 7, {{"keys", {"k", "other"}}}));
    EXPECT_EQ(json::value(body_of(harness.next()).at("offsets")), json::parse(R"({"k":1})"));
}

TEST_F(LinKvNodeTest, MalformedRequestGetsAnErrorAndTheNodeCarriesOn) {
    harness.send("c1", "n0", request("poll", 2, {{"offsets", "not a map"}}));
    auto reply = body_of(harness.next());
    EXPECT_EQ(reply.at("type"), "error");
    EXPECT_EQ(reply.at("code"), 12);
    EXPECT_EQ(send(3, 10), 0);
}

// n1 under test; the test plays n0, which owns `owned_by_n0`.
class OwnerNodeTest : public ::testing::Test {
  protected:
    OwnerNodeTest() : harness(fast_timeouts()), node(harness.node()) {
        harness.set_responder([this](const json::object& e) { return play_n0(e); });
        harness.start();
        harness.init("n1", {"n0", "n1"});
    }

    bool play_n0(const json::object& envelope) {
        const auto& body = envelope.at("body").as_object();
        // Replies to requests the test itself sent as n0 go to the test.
        if (envelope.at("dest") != "n0" || body.contains("in_reply_to")) {
            return false;
        }
        json::object reply;
        {
            std::lock_guard lock(mutex);
            if (body.at("type") == "append") {
                ++appends;
                if (appends <= lost_append_replies) {
                    return true;
                }
                request_ids.insert(std::string(body.at("request_id").as_string()));
                reply = {{"type", "append_ok"}, {"offset", 5}};
            } else if (body.at("type") == "local_committed_offsets") {
                if (!n0_answers_lists) {
                    return true;
                }
                reply = {{"type", "local_committed_offsets_ok"}, {"offsets", {{owned_by_n0, 9}}}};
            } else {
                return true;  // replication to n0 is not under test here
            }
        }
        reply["in_reply_to"] = body.at("msg_id");
        harness.send("n0", "n1", std::move(reply));
        return true;
    }

    ~OwnerNodeTest() override {
        harness.close_input();
        harness.wait_finished();
    }

    // Declared before the harness: its reader thread may use them until the
    // harness is destroyed.
    std::string owned_by_n0 = key_owned_by("n0");
    std::string owned_by_n1 = key_owned_by("n1");
    std::mutex mutex;
    int appends = 0;
    int lost_append_replies = 0;
    bool n0_answers_lists = true;
    std::set<std::string> request_ids;
    NodeHarness harness;
    OwnerNode node;
};

TEST_F(OwnerNodeTest, OwnedKeysAreAnsweredLocally) {
    harness.send("c1", "n1", request("send", 2, {{"key", owned_by_n1}, {"msg", 10}}));
    EXPECT_EQ(body_of(harness.next()).at("offset"), 0);
    harness.send("c1", "n1", request("send", 3, {{"key", owned_by_n1}, {"msg", 11}}));
    EXPECT_EQ(body_of(harness.next()).at("offset"), 1);
    std::lock_guard lock(mutex);
    EXPECT_EQ(appends, 0);
}

TEST_F(OwnerNodeTest, ForwardedSendIsRetriedWithTheSameRequestIdUntilTheOwnerAnswers) {
    {
        std::lock_guard lock(mutex);
        lost_append_replies = 2;
    }
    harness.send("c1", "n1", request("send", 2, {{"key", owned_by_n0}, {"msg", 10}}));
    auto reply = body_of(harness.next());
    EXPECT_EQ(reply.at("type"), "send_ok");
    EXPECT_EQ(reply.at("offset"), 5);
    std::lock_guard lock(mutex);
    EXPECT_EQ(appends, 3);
    EXPECT_EQ(request_ids.size(), 1u);
}

// Maelstrom closes the client after 5 s and stops reading a node that writes to a closed
// client, so a send the owner cannot take is answered as indeterminate before that.
TEST_F(OwnerNodeTest, ForwardedSendToAnUnreachableOwnerIsIndeterminateWithinTheClientTimeout) {
    {
        std::lock_guard lock(mutex);
        lost_append_replies = 1000;
    }
    harness.send("c1", "n1", request("send", 2, {{"key", owned_by_n0}, {"msg", 10}}));
    // The node drops a reply to a client that comes after the client's deadline, so a
    // reply arriving at all is one in time.
    auto reply = body_of(harness.next(std::chrono::seconds(10)));
    EXPECT_EQ(reply.at("type"), "error");
    EXPECT_FALSE(
        maelstrom::is_definite(static_cast<maelstrom::error_code>(reply.at("code").as_int64())));
    std::lock_guard lock(mutex);
    // Four unless the machine is so loaded that the deadline cuts the retries short.
    EXPECT_GE(appends, 2);
    EXPECT_LE(appends, 4);
}

TEST_F(OwnerNodeTest, ReplicaPollsNeverSkipAGap) {
    harness.send("c1", "n1", request("send", 2, {{"key", owned_by_n0}, {"msg", 10}}));
    EXPECT_EQ(body_of(harness.next()).at("offset"), 5);
    harness.send("c1", "n1", request("poll", 3, {{"offsets", {{owned_by_n0, 0}}}}));
    EXPECT_TRUE(body_of(harness.next()).at("msgs").as_object().empty());
    json::object batch{{"logs", {{owned_by_n0, {{"first", 0}, {"msgs", {0, 1, 2, 3, 4}}}}}},
                       {"committed", json::object{}}};
    harness.send("n0", "n1", request("replicate", 4, {{"batch", batch}}));
    auto ack = body_of(harness.next());
    EXPECT_EQ(ack.at("ack").at("have").at(owned_by_n0), 6);
    harness.send("c1", "n1", request("poll", 5, {{"offsets", {{owned_by_n0, 3}}}}));
    EXPECT_EQ(json::value(body_of(harness.next()).at("msgs").at(owned_by_n0)),
              json::parse("[[3,3],[4,4],[5,10]]"));
}

TEST_F(OwnerNodeTest, ListedCommittedOffsetsAreTheMaximumOverAllNodes) {
    harness.send("c1", "n1",
                 request("commit_offsets", 2, {{"offsets", {{owned_by_n0, 3}, {owned_by_n1, 4}}}}));
    EXPECT_EQ(body_of(harness.next()).at("type"), "commit_offsets_ok");
    harness.send("c1", "n1",
                 request("list_committed_offsets", 3, {{"keys", {owned_by_n0, owned_by_n1}}}));
    auto offsets = body_of(harness.next()).at("offsets").as_object();
    EXPECT_EQ(offsets.at(owned_by_n0), 9);
    EXPECT_EQ(offsets.at(owned_by_n1), 4);
}

TEST_F(OwnerNodeTest, ListFailsRatherThanAnswerWithoutEveryNode) {
    {
        std::lock_guard lock(mutex);
        n0_answers_lists = false;
    }
    harness.send("c1", "n1", request("list_committed_offsets", 2, {{"keys", {owned_by_n0}}}));
    auto reply = body_of(harness.next());
    EXPECT_EQ(reply.at("type"), "error");
    EXPECT_EQ(reply.at("code"), 11);
}

TEST_F(OwnerNodeTest, AppendsFromThePeerAreStoredOnceAndMalformedRequestIdsRejected) {
    auto append = [&](std::int64_t msg_id, const char* request_id) {
        harness.send("n0", "n1",
                     request("append", msg_id,
                             {{"key", owned_by_n1}, {"msg", msg_id}, {"request_id", request_id}}));
        return body_of(harness.next());
    };
    EXPECT_EQ(append(2, "n0-0").at("offset"), 0);
    EXPECT_EQ(append(3, "n0-0").at("offset"), 0);
    const auto rejected = append(4, "n0-first");
    EXPECT_EQ(rejected.at("type"), "error");
    EXPECT_EQ(rejected.at("code"), 12);
    EXPECT_EQ(append(5, "n0-1").at("offset"), 1);
}

TEST_F(OwnerNodeTest, MalformedReplicationIsRejectedAndTheNodeCarriesOn) {
    harness.send("n0", "n1", request("replicate", 2, {{"batch", 7}}));
    EXPECT_EQ(body_of(harness.next()).at("code"), 12);
    harness.send("c1", "n1", request("send", 3, {{"key", owned_by_n1}, {"msg", 10}}));
    EXPECT_EQ(body_of(harness.next()).at("type"), "send_ok");
}

}  // namespace
}  // namespace kafka
