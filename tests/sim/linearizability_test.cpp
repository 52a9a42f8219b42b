#include "checkers/linearizability.hpp"

#include <gtest/gtest.h>

namespace {

using Kind = sim::RegisterOp::Kind;

sim::RegisterOp op(Kind kind, std::optional<std::int64_t> value, std::int64_t invoke,
                   std::optional<std::int64_t> complete, std::int64_t from = 0,
                   std::int64_t to = 0) {
    sim::RegisterOp o;
    o.kind = kind;
    o.value = value;
    o.invoke_index = invoke;
    o.complete_index = complete;
    o.from = from;
    o.to = to;
    return o;
}

TEST(Linearizability, SequentialHistoryIsValid) {
    const std::vector<sim::RegisterOp> ops{op(Kind::write, 1, 0, 1), op(Kind::read, 1, 2, 3),
                                           op(Kind::cas, {}, 4, 5, 1, 2), op(Kind::read, 2, 6, 7)};
    EXPECT_EQ(sim::check_cas_register(ops).valid, sim::Validity::valid);
}

TEST(Linearizability, StaleReadIsInvalid) {
    const std::vector<sim::RegisterOp> ops{op(Kind::write, 1, 0, 1), op(Kind::write, 2, 2, 3),
                                           op(Kind::read, 1, 4, 5)};
    EXPECT_EQ(sim::check_cas_register(ops).valid, sim::Validity::invalid);
}

TEST(Linearizability, ConcurrentWriteMayBeSeenEitherWay) {
    // write 2 overlaps both reads: read 1 then read 2 is linearizable.
    const std::vector<sim::RegisterOp> ops{op(Kind::write, 1, 0, 1), op(Kind::write, 2, 2, 9),
                                           op(Kind::read, 1, 3, 4), op(Kind::read, 2, 5, 6)};
    EXPECT_EQ(sim::check_cas_register(ops).valid, sim::Validity::valid);
}

TEST(Linearizability, ReadsCannotGoBackInTime) {
    const std::vector<sim::RegisterOp> ops{op(Kind::write, 1, 0, 1), op(Kind::write, 2, 2, 9),
                                           op(Kind::read, 2, 3, 4), op(Kind::read, 1, 5, 6)};
    EXPECT_EQ(sim::check_cas_register(ops).valid, sim::Validity::invalid);
}

TEST(Linearizability, InfoWriteMayTakeEffectLateOrNever) {
    const std::vector<sim::RegisterOp> took_effect{
        op(Kind::write, 1, 0, 1), op(Kind::write, 3, 2, std::nullopt), op(Kind::read, 1, 3, 4),
        op(Kind::read, 3, 5, 6)};
    EXPECT_EQ(sim::check_cas_register(took_effect).valid, sim::Validity::valid);
    const std::vector<sim::RegisterOp> never{
        op(Kind::write, 1, 0, 1), op(Kind::write, 3, 2, std::nullopt), op(Kind::read, 1, 3, 4)};
    EXPECT_EQ(sim::check_cas_register(never).valid, sim::Validity::valid);
}

TEST(Linearizability, SuccessfulCasNeedsMatchingValue) {
    const std::vector<sim::RegisterOp> ops{op(Kind::write, 1, 0, 1), op(Kind::cas, {}, 2, 3, 4, 0)};
    EXPECT_EQ(sim::check_cas_register(ops).valid, sim::Validity::invalid);
}

TEST(Linearizability, NullReadIsAlwaysAccepted) {
    const std::vector<sim::RegisterOp> ops{op(Kind::write, 1, 0, 1),
                                           op(Kind::read, std::nullopt, 2, 3)};
    EXPECT_EQ(sim::check_cas_register(ops).valid, sim::Validity::valid);
}

TEST(Linearizability, ExhaustedBudgetIsUnknown) {
    std::vector<sim::RegisterOp> ops;
    for (int i = 0; i < 12; ++i) {
        ops.push_back(op(Kind::write, i % 3, i, 100 + i));
    }
    ops.push_back(op(Kind::read, 7, 200, 201));
    EXPECT_EQ(sim::check_cas_register(ops, 1000).valid, sim::Validity::unknown);
}

}  // namespace
