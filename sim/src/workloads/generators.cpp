#include "workloads/generators.hpp"

namespace sim {

GeneratorStep OncePerThreadGenerator::next(GeneratorContext& ctx) {
    const auto thread = static_cast<std::size_t>(ctx.thread);
    if (issued_.size() <= thread) {
        issued_.resize(thread + 1, false);
    }
    if (issued_[thread]) {
        return GeneratorStep::make_done();
    }
    issued_[thread] = true;
    return GeneratorStep::make_op(op_);
}

}  // namespace sim
