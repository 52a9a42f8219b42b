// The echo workload (workloads/echo.md).
#include "checkers/workload_checkers.hpp"
#include "workloads/generators.hpp"

namespace sim {
namespace {

class EchoClient : public Client {
  public:
    std::variant<boost::json::object, Completion> request(const Op& invoke) override {
        return boost::json::object{{"type", "echo"}, {"echo", invoke.value}};
    }
    Completion on_reply(const Op& /*invoke*/, const boost::json::object& reply) override {
        check_reply_schema(reply, "echo_ok", {"echo"});
        return Completion{OpType::ok, reply, std::nullopt};
    }
};

class EchoWorkload : public Workload {
  public:
    std::unique_ptr<Generator> generator() override {
        return std::make_unique<FunctionGenerator>([](GeneratorContext& ctx) {
            return Invocation{
                "echo",
                boost::json::value("Please echo " + std::to_string(uniform_int(ctx.rng, 0, 127))),
                false};
        });
    }
    std::unique_ptr<Client> client() override { return std::make_unique<EchoClient>(); }
    bool reusable_clients() const override { return false; }
    ErrorPolicy error_policy() const override { return ErrorPolicy{true, {}}; }
    CheckResult check(const History& history) override { return check_echo(history); }
};

const WorkloadRegistration echo_registration{
    "echo", [](const WorkloadOptions&) { return std::make_unique<EchoWorkload>(); }};

}  // namespace
}  // namespace sim
