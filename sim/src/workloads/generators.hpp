#pragma once
// Small generator building blocks shared by the workloads in this folder.
#include <functional>

#include "run/workload.hpp"

namespace sim {

// Endless ops drawn by a function (Maelstrom's repeat/mix generators).
class FunctionGenerator : public Generator {
  public:
    explicit FunctionGenerator(std::function<Invocation(GeneratorContext&)> make)
        : make_(std::move(make)) {}
    GeneratorStep next(GeneratorContext& ctx) override {
        return GeneratorStep::make_op(make_(ctx));
    }

  private:
    std::function<Invocation(GeneratorContext&)> make_;
};

// One op per worker thread, then done (the final reads).
class OncePerThreadGenerator : public Generator {
  public:
    explicit OncePerThreadGenerator(Invocation op) : op_(std::move(op)) {}
    GeneratorStep next(GeneratorContext& ctx) override;

  private:
    Invocation op_;
    std::vector<bool> issued_;
};

}  // namespace sim
