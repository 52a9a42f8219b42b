// The broadcast workload (workloads/broadcast.md).
#include "checkers/workload_checkers.hpp"
#include "workloads/generators.hpp"
#include "workloads/set_reads.hpp"
#include "workloads/topology.hpp"

namespace sim {
namespace {

class BroadcastClient : public Client {
  public:
    std::variant<boost::json::object, Completion> request(const Op& invoke) override {
        if (invoke.f == "broadcast") {
            return boost::json::object{{"type", "broadcast"}, {"message", invoke.value}};
        }
        return boost::json::object{{"type", "read"}};
    }
    Completion on_reply(const Op& invoke, const boost::json::object& reply) override {
        if (invoke.f == "broadcast") {
            check_reply_schema(reply, "broadcast_ok", {});
            return Completion{OpType::ok, invoke.value, std::nullopt};
        }
        check_reply_schema(reply, "read_ok", {"messages"});
        return Completion{OpType::ok, list_field(reply, "messages"), std::nullopt};
    }
};

class BroadcastWorkload : public Workload {
  public:
    explicit BroadcastWorkload(const WorkloadOptions& options)
        : topology_(
              make_topology(options.topology, options.nodes).value_or(boost::json::object{})) {}

    std::unique_ptr<Generator> generator() override {
        return std::make_unique<FunctionGenerator>(
            [next = std::int64_t{0}](GeneratorContext& ctx) mutable {
                if (uniform_int(ctx.rng, 0, 1) == 0) {
                    return Invocation{"broadcast", boost::json::value(next++), false};
                }
                return Invocation{"read", nullptr, false};
            });
    }
    std::unique_ptr<Generator> final_generator() override {
        return std::make_unique<OncePerThreadGenerator>(Invocation{"read", nullptr, true});
    }
    std::unique_ptr<Client> client() override { return std::make_unique<BroadcastClient>(); }
    bool reusable_clients() const override { return false; }
    ErrorPolicy error_policy() const override { return ErrorPolicy{true, {"read"}}; }
    std::optional<SetupRequest> setup_request(const std::string& /*node*/) override {
        return SetupRequest{boost::json::object{{"type", "topology"}, {"topology", topology_}},
                            "topology_ok"};
    }
    CheckResult check(const History& history) override {
        return check_set_full(history, "broadcast");
    }

  private:
    boost::json::object topology_;
};

const WorkloadRegistration broadcast_registration{
    "broadcast",
    [](const WorkloadOptions& options) { return std::make_unique<BroadcastWorkload>(options); }};

}  // namespace
}  // namespace sim
