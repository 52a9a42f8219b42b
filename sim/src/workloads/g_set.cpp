// The g-set workload (workloads/g-set.md).
#include "checkers/workload_checkers.hpp"
#include "workloads/generators.hpp"
#include "workloads/set_reads.hpp"

namespace sim {
namespace {

class GSetClient : public Client {
  public:
    std::variant<boost::json::object, Completion> request(const Op& invoke) override {
        if (invoke.f == "add") {
            return boost::json::object{{"type", "add"}, {"element", invoke.value}};
        }
        return boost::json::object{{"type", "read"}};
    }
    Completion on_reply(const Op& invoke, const boost::json::object& reply) override {
        if (invoke.f == "add") {
            check_reply_schema(reply, "add_ok", {});
            return Completion{OpType::ok, invoke.value, std::nullopt};
        }
        check_reply_schema(reply, "read_ok", {"value"});
        return Completion{OpType::ok, list_field(reply, "value"), std::nullopt};
    }
};

class GSetWorkload : public Workload {
  public:
    std::unique_ptr<Generator> generator() override {
        return std::make_unique<FunctionGenerator>(
            [next = std::int64_t{0}](GeneratorContext& ctx) mutable {
                if (uniform_int(ctx.rng, 0, 1) == 0) {
                    return Invocation{"add", boost::json::value(next++), false};
                }
                return Invocation{"read", nullptr, false};
            });
    }
    std::unique_ptr<Generator> final_generator() override {
        // Maelstrom's g-set final reads carry no :final? flag.
        return std::make_unique<OncePerThreadGenerator>(Invocation{"read", nullptr, false});
    }
    std::unique_ptr<Client> client() override { return std::make_unique<GSetClient>(); }
    bool reusable_clients() const override { return false; }
    ErrorPolicy error_policy() const override { return ErrorPolicy{false, {}}; }
    CheckResult check(const History& history) override { return check_set_full(history, "add"); }
};

const WorkloadRegistration g_set_registration{
    "g-set", [](const WorkloadOptions&) { return std::make_unique<GSetWorkload>(); }};

}  // namespace
}  // namespace sim
