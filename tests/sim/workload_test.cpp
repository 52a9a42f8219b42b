#include "run/workload.hpp"

#include <gtest/gtest.h>

#include <map>

namespace {

std::unique_ptr<sim::Workload> make(const std::string& name) {
    sim::WorkloadOptions options;
    options.nodes = {"n0", "n1", "n2"};
    return sim::WorkloadRegistry::instance().make(name, options);
}

sim::Op invoke_op(const std::string& f, boost::json::value value) {
    sim::Op op;
    op.f = f;
    op.value = std::move(value);
    return op;
}

TEST(ReplySchema, AcceptsDocumentedKeysAndMsgId) {
    EXPECT_NO_THROW(sim::check_reply_schema(
        {{"type", "echo_ok"}, {"echo", 1}, {"in_reply_to", 1}, {"msg_id", 7}}, "echo_ok",
        {"echo"}));
}

TEST(ReplySchema, RejectsExtraKeysWrongTypeAndMissingFields) {
    EXPECT_THROW(sim::check_reply_schema(
                     {{"type", "echo_ok"}, {"echo", 1}, {"in_reply_to", 1}, {"extra", true}},
                     "echo_ok", {"echo"}),
                 sim::MalformedReply);
    EXPECT_THROW(sim::check_reply_schema({{"type", "echo"}, {"echo", 1}, {"in_reply_to", 1}},
                                         "echo_ok", {"echo"}),
                 sim::MalformedReply);
    EXPECT_THROW(
        sim::check_reply_schema({{"type", "echo_ok"}, {"in_reply_to", 1}}, "echo_ok", {"echo"}),
        sim::MalformedReply);
}

TEST(Registry, HasTheBenchWorkloads) {
    for (const char* name :
         {"echo", "unique-ids", "broadcast", "g-set", "g-counter", "pn-counter"}) {
        EXPECT_NE(make(name), nullptr) << name;
    }
    EXPECT_NE(make("lin-kv"), nullptr);
    EXPECT_NE(make("txn-list-append"), nullptr);
    EXPECT_EQ(make("no-such-workload"), nullptr);
}

// Writes become appends; each key's elements are 1, 2, 3, ... and at most
// --max-writes-per-key (16) of them.
TEST(TxnListAppendWorkload, GeneratesReadsAndUniqueAppends) {
    auto generator = make("txn-list-append")->generator();
    sim::Rng rng(3);
    sim::GeneratorContext ctx{0, 1, 0, rng};
    std::map<std::string, std::int64_t> last;  // key -> last element appended
    int appends = 0;
    for (int i = 0; i < 2000; ++i) {
        const auto step = generator->next(ctx);
        ASSERT_EQ(step.kind, sim::GeneratorStep::Kind::op);
        ASSERT_EQ(step.op.f, "txn");
        const auto& txn = step.op.value.as_array();
        ASSERT_GE(txn.size(), 1u);
        ASSERT_LE(txn.size(), 4u);
        for (const auto& mop : txn) {
            const auto& parts = mop.as_array();
            const auto key = boost::json::serialize(parts.at(1));
            if (parts.at(0) == "r") {
                EXPECT_TRUE(parts.at(2).is_null());
                continue;
            }
            ASSERT_EQ(parts.at(0), "append");
            EXPECT_EQ(parts.at(2).as_int64(), ++last[key]);
            EXPECT_LE(parts.at(2).as_int64(), 16);
            ++appends;
        }
    }
    EXPECT_GT(appends, 1000);
}

TEST(TxnListAppendWorkload, ReadsMustBeListsOrNull) {
    auto client = make("txn-list-append")->client();
    const auto op = invoke_op("txn", "unused");
    const auto reply = [](const char* txn) {
        return boost::json::object{
            {"type", "txn_ok"}, {"in_reply_to", 1}, {"txn", boost::json::parse(txn)}};
    };
    EXPECT_NO_THROW(client->on_reply(op, reply(R"([["r",1,[1,2]],["append",1,3],["r",2,null]])")));
    EXPECT_THROW(client->on_reply(op, reply(R"([["r",1,3]])")), sim::MalformedReply);
    EXPECT_THROW(client->on_reply(op, reply(R"([["w",1,3]])")), sim::MalformedReply);
}

TEST(EchoWorkload, ReplyWithExtraKeyIsMalformed) {
    auto client = make("echo")->client();
    const auto op = invoke_op("echo", "Please echo 3");
    EXPECT_THROW(
        client->on_reply(
            op,
            {{"type", "echo_ok"}, {"echo", "Please echo 3"}, {"in_reply_to", 1}, {"note", "hi"}}),
        sim::MalformedReply);
}

TEST(BroadcastWorkload, ReadAcceptsNullMessagesAndSendsTopology) {
    auto workload = make("broadcast");
    auto client = workload->client();
    const auto completion =
        client->on_reply(invoke_op("read", nullptr),
                         {{"type", "read_ok"}, {"messages", nullptr}, {"in_reply_to", 1}});
    EXPECT_EQ(completion.value, boost::json::array{});
    const auto setup = workload->setup_request("n1");
    ASSERT_TRUE(setup.has_value());
    EXPECT_EQ(setup->reply_type, "topology_ok");
    // A 2x2 grid with n0 n1 over n2: n1 only has n0 beside it.
    EXPECT_EQ(setup->body.at("topology").at("n1"), (boost::json::array{"n0"}));
    EXPECT_TRUE(workload->error_policy().idempotent.count("read"));
}

TEST(BroadcastWorkload, BroadcastsEachIntegerOnceInOrder) {
    auto gen = make("broadcast")->generator();
    sim::Rng rng(1);
    sim::GeneratorContext ctx{0, 1, 0, rng};
    std::int64_t expected = 0;
    int reads = 0;
    for (int i = 0; i < 1000; ++i) {
        auto step = gen->next(ctx);
        ASSERT_EQ(step.kind, sim::GeneratorStep::Kind::op);
        if (step.op.f == "broadcast") {
            EXPECT_EQ(step.op.value, expected++);
        } else {
            ++reads;
        }
    }
    EXPECT_NEAR(reads, 500, 60);
}

TEST(GCounterWorkload, NoNegativeAddsAndTwoThirdsReads) {
    auto gen = make("g-counter")->generator();
    sim::Rng rng(2);
    sim::GeneratorContext ctx{0, 1, 0, rng};
    int reads = 0;
    for (int i = 0; i < 3000; ++i) {
        auto step = gen->next(ctx);
        if (step.op.f == "read") {
            ++reads;
        } else {
            EXPECT_GE(step.op.value.as_int64(), 0);
            EXPECT_LE(step.op.value.as_int64(), 4);
        }
    }
    EXPECT_NEAR(reads, 2000, 120);
}

TEST(CounterWorkloads, FinalReadOncePerThreadAndNoErrorMapping) {
    auto workload = make("pn-counter");
    EXPECT_FALSE(workload->error_policy().map_errors);
    EXPECT_FALSE(workload->reusable_clients());
    auto final_gen = workload->final_generator();
    sim::Rng rng(3);
    for (int thread = 0; thread < 2; ++thread) {
        sim::GeneratorContext ctx{thread, 2, 0, rng};
        auto first = final_gen->next(ctx);
        EXPECT_EQ(first.kind, sim::GeneratorStep::Kind::op);
        EXPECT_TRUE(first.op.final);
        EXPECT_EQ(final_gen->next(ctx).kind, sim::GeneratorStep::Kind::done);
    }
}

TEST(CounterWorkloads, FloatReadIsTruncatedAndStringIsMalformed) {
    auto client = make("pn-counter")->client();
    const auto op = invoke_op("read", nullptr);
    EXPECT_EQ(
        client->on_reply(op, {{"type", "read_ok"}, {"value", -2.7}, {"in_reply_to", 1}}).value, -2);
    EXPECT_THROW(client->on_reply(op, {{"type", "read_ok"}, {"value", "3"}, {"in_reply_to", 1}}),
                 sim::MalformedReply);
}

}  // namespace
