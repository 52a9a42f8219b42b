// The unique-ids workload (workloads/unique-ids.md).
#include "checkers/workload_checkers.hpp"
#include "workloads/generators.hpp"

namespace sim {
namespace {

class UniqueIdsClient : public Client {
  public:
    std::variant<boost::json::object, Completion> request(const Op& /*invoke*/) override {
        return boost::json::object{{"type", "generate"}};
    }
    Completion on_reply(const Op& /*invoke*/, const boost::json::object& reply) override {
        check_reply_schema(reply, "generate_ok", {"id"});
        return Completion{OpType::ok, reply.at("id"), std::nullopt};
    }
};

class UniqueIdsWorkload : public Workload {
  public:
    std::unique_ptr<Generator> generator() override {
        return std::make_unique<FunctionGenerator>([](GeneratorContext&) {
            return Invocation{"generate", nullptr, false};
        });
    }
    std::unique_ptr<Client> client() override { return std::make_unique<UniqueIdsClient>(); }
    bool reusable_clients() const override { return true; }
    ErrorPolicy error_policy() const override { return ErrorPolicy{true, {}}; }
    CheckResult check(const History& history) override { return check_unique_ids(history); }
};

const WorkloadRegistration unique_ids_registration{
    "unique-ids", [](const WorkloadOptions&) { return std::make_unique<UniqueIdsWorkload>(); }};

}  // namespace
}  // namespace sim
