#include "workloads/kafka_generator.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sim {
namespace {

namespace json = boost::json;

Op completion(std::int64_t process, OpType type, const std::string& f, const std::string& value) {
    Op op;
    op.process = process;
    op.type = type;
    op.f = f;
    op.value = json::parse(value);
    return op;
}

Invocation next_op(Generator& g, GeneratorContext& ctx) {
    const auto step = g.next(ctx);
    EXPECT_EQ(step.kind, GeneratorStep::Kind::op);
    return step.op;
}

TEST(KafkaGenerator, EmitsSendsPollsAssignsAndCrashes) {
    Rng rng(11);
    auto progress = std::make_shared<KafkaProgress>();
    KafkaGenerator g({10, 1, 16}, progress);
    GeneratorContext ctx{0, 4, 0, rng};
    std::map<std::string, int> counts;
    std::string previous;
    for (int i = 0; i < 5000; ++i) {
        ctx.time_ns = std::int64_t{i} * 10'000'000;  // 100 ops/s for 50 s
        const auto op = next_op(g, ctx);
        ++counts[op.f];
        if (op.f == "send") {
            EXPECT_EQ(op.value.at(0).at(0), json::value("send"));
            EXPECT_TRUE(op.value.at(0).at(1).is_string());
        }
        if (previous == "assign") {
            EXPECT_TRUE(op.f == "send" || op.f == "poll" || op.f == "crash") << op.f;
        }
        previous = op.f;
    }
    EXPECT_GT(counts["send"], 2000);
    EXPECT_GT(counts["poll"], 2000);
    EXPECT_GT(counts["assign"], 30);
    // Four clients crashing about every 30 s each over 50 s.
    EXPECT_GT(counts["crash"], 2);
    EXPECT_LT(counts["crash"], 20);
}

TEST(KafkaGenerator, RecordsHighestOffsetsOfOkSendsAndPolls) {
    Rng rng(1);
    auto progress = std::make_shared<KafkaProgress>();
    KafkaGenerator g({10, 1, 16}, progress);
    const Op invoke;
    g.on_complete(invoke, completion(0, OpType::ok, "send", R"([["send","1",[4,9]]])"));
    g.on_complete(invoke,
                  completion(1, OpType::ok, "poll", R"([["poll",{"1":[[2,1]],"2":[[7,3]]}]])"));
    g.on_complete(invoke, completion(1, OpType::info, "send", R"([["send","2",5]])"));
    EXPECT_EQ(progress->highest_offset.at("1"), 4);
    EXPECT_EQ(progress->highest_offset.at("2"), 7);
    EXPECT_EQ(progress->highest_sent.at("1"), 4);
    EXPECT_EQ(progress->highest_polled.at("1"), 2);
}

TEST(KafkaFinalGenerator, CrashesAssignsFromTheStartAndPollsUntilCaughtUp) {
    Rng rng(1);
    auto progress = std::make_shared<KafkaProgress>();
    progress->highest_offset = {{"1", 3}, {"2", 0}};
    KafkaFinalGenerator g(progress);
    GeneratorContext ctx{1, 2, 0, rng};
    EXPECT_EQ(next_op(g, ctx).f, "crash");
    const auto assign = next_op(g, ctx);
    EXPECT_EQ(assign.f, "assign");
    EXPECT_TRUE(assign.final);
    EXPECT_EQ(assign.value, json::parse(R"(["1","2"])"));
    const Op invoke_poll = [] {
        Op op;
        op.f = "poll";
        return op;
    }();
    EXPECT_EQ(next_op(g, ctx).f, "poll");
    g.on_complete(invoke_poll,
                  completion(3, OpType::ok, "poll", R"([["poll",{"1":[[0,1],[3,2]]}]])"));
    EXPECT_EQ(next_op(g, ctx).f, "poll");  // key "2" not read yet
    // An indefinite poll replaced the client: assign again.
    g.on_complete(invoke_poll, completion(3, OpType::info, "poll", R"([["poll"]])"));
    EXPECT_EQ(next_op(g, ctx).f, "assign");
    EXPECT_EQ(next_op(g, ctx).f, "poll");
    g.on_complete(invoke_poll, completion(5, OpType::ok, "poll", R"([["poll",{"2":[[0,7]]}]])"));
    EXPECT_EQ(g.next(ctx).kind, GeneratorStep::Kind::done);
}

TEST(KafkaFinalGenerator, StopsAfterTenSeconds) {
    Rng rng(1);
    auto progress = std::make_shared<KafkaProgress>();
    progress->highest_offset = {{"1", 3}};
    KafkaFinalGenerator g(progress);
    GeneratorContext ctx{0, 1, 5'000'000'000, rng};
    EXPECT_EQ(next_op(g, ctx).f, "crash");
    ctx.time_ns += 10'000'000'000;
    EXPECT_EQ(g.next(ctx).kind, GeneratorStep::Kind::done);
}

TEST(KafkaFinalGenerator, EachThreadPollsAtStaggeredMomentsUntilTheCutOff) {
    Rng rng(3);
    auto progress = std::make_shared<KafkaProgress>();
    progress->highest_offset = {{"1", 3}};
    KafkaFinalGenerator g(progress);
    constexpr std::int64_t start = 2'000'000'000;
    GeneratorContext ctx{0, 2, start, rng};
    EXPECT_EQ(next_op(g, ctx).f, "crash");
    EXPECT_EQ(next_op(g, ctx).f, "assign");
    // Nothing is ever read, so the thread polls until the phase's 10 s are over; each poll
    // returns at once, and each next one is due up to 0.4 s after the previous one was.
    std::vector<std::int64_t> due;
    for (GeneratorStep step = g.next(ctx); step.kind == GeneratorStep::Kind::op;
         step = g.next(ctx)) {
        ASSERT_EQ(step.op.f, "poll");
        due.push_back(step.not_before_ns);
        ASSERT_LT(due.size(), 1000u);
    }
    ASSERT_GE(due.size(), 2u);
    EXPECT_EQ(due.front(), start);
    for (std::size_t i = 1; i < due.size(); ++i) {
        EXPECT_GE(due[i], due[i - 1]);
        EXPECT_LT(due[i] - due[i - 1], 400'000'000);
    }
    EXPECT_LT(due.back(), start + 10'000'000'000);
    const double mean_gap_s =
        static_cast<double>(due.back() - due.front()) / 1e9 / static_cast<double>(due.size() - 1);
    EXPECT_NEAR(mean_gap_s, 0.2, 0.05);
    // Another thread keeps its own pace: its first poll is due at once.
    GeneratorContext other{1, 2, start + 3'000'000'000, rng};
    EXPECT_EQ(next_op(g, other).f, "crash");
    EXPECT_EQ(next_op(g, other).f, "assign");
    const auto first = g.next(other);
    EXPECT_EQ(first.op.f, "poll");
    EXPECT_EQ(first.not_before_ns, other.time_ns);
}

}  // namespace
}  // namespace sim
