// The pn-counter and g-counter workloads (workloads/pn-counter.md, g-counter.md).
#include <cmath>

#include "checkers/workload_checkers.hpp"
#include "workloads/generators.hpp"

namespace sim {
namespace {

class CounterClient : public Client {
  public:
    std::variant<boost::json::object, Completion> request(const Op& invoke) override {
        if (invoke.f == "add") {
            return boost::json::object{{"type", "add"}, {"delta", invoke.value}};
        }
        return boost::json::object{{"type", "read"}};
    }
    Completion on_reply(const Op& invoke, const boost::json::object& reply) override {
        if (invoke.f == "add") {
            check_reply_schema(reply, "add_ok", {});
            return Completion{OpType::ok, invoke.value, std::nullopt};
        }
        check_reply_schema(reply, "read_ok", {"value"});
        const auto& v = reply.at("value");
        if (v.is_double()) {
            // Maelstrom coerces with `long`, truncating toward zero.
            return Completion{OpType::ok, static_cast<std::int64_t>(std::trunc(v.get_double())),
                              std::nullopt};
        }
        if (!v.is_int64()) {
            throw MalformedReply("Malformed RPC response: value is not a number in " +
                                 boost::json::serialize(reply));
        }
        return Completion{OpType::ok, v, std::nullopt};
    }
};

class CounterWorkload : public Workload {
  public:
    explicit CounterWorkload(bool grow_only) : grow_only_(grow_only) {}

    std::unique_ptr<Generator> generator() override {
        const bool grow_only = grow_only_;
        return std::make_unique<FunctionGenerator>([grow_only](GeneratorContext& ctx) {
            for (;;) {
                // The 50/50 mix of Maelstrom's pn-counter; g-counter filters out
                // negative adds by re-drawing, giving reads 2/3 of the ops.
                if (uniform_int(ctx.rng, 0, 1) == 0) {
                    const auto delta = uniform_int(ctx.rng, -5, 4);
                    if (grow_only && delta < 0) {
                        continue;
                    }
                    return Invocation{"add", boost::json::value(delta), false};
                }
                return Invocation{"read", nullptr, false};
            }
        });
    }
    std::unique_ptr<Generator> final_generator() override {
        return std::make_unique<OncePerThreadGenerator>(Invocation{"read", nullptr, true});
    }
    std::unique_ptr<Client> client() override { return std::make_unique<CounterClient>(); }
    bool reusable_clients() const override { return false; }
    ErrorPolicy error_policy() const override { return ErrorPolicy{false, {}}; }
    CheckResult check(const History& history) override { return check_counter(history); }

  private:
    bool grow_only_;
};

const WorkloadRegistration pn_counter_registration{
    "pn-counter", [](const WorkloadOptions&) { return std::make_unique<CounterWorkload>(false); }};
const WorkloadRegistration g_counter_registration{
    "g-counter", [](const WorkloadOptions&) { return std::make_unique<CounterWorkload>(true); }};

}  // namespace
}  // namespace sim
