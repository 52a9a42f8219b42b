// The txn-rw-register workload (workloads/txn-rw-register.md).
#include <memory>

#include "checkers/txn_rw_register_checker.hpp"
#include "run/workload.hpp"
#include "workloads/txn_generator.hpp"

namespace sim {
namespace {

namespace json = boost::json;

class TxnGenerator : public Generator {
  public:
    explicit TxnGenerator(TxnGeneratorOptions options) : source_(options) {}
    GeneratorStep next(GeneratorContext& ctx) override {
        json::array txn;
        for (const auto& m : source_.next_txn(ctx.rng)) {
            if (m.write) {
                txn.push_back(json::array{"w", m.key, m.value});
            } else {
                txn.push_back(json::array{"r", m.key, nullptr});
            }
        }
        return GeneratorStep::make_op(Invocation{"txn", std::move(txn), false});
    }

  private:
    TxnSource source_;
};

// The reply must be a list of [f, key, value] micro-ops with f "r" or "w".
void check_txn_shape(const json::value& txn) {
    const auto* mops = txn.if_array();
    if (mops == nullptr) {
        throw MalformedReply("Malformed RPC response: txn is not a list: " + json::serialize(txn));
    }
    for (const auto& mop : *mops) {
        const auto* parts = mop.if_array();
        const bool ok = parts != nullptr && parts->size() == 3 && (*parts)[0].is_string() &&
                        ((*parts)[0].get_string() == "r" || (*parts)[0].get_string() == "w");
        if (!ok) {
            throw MalformedReply("Malformed RPC response: micro-op is not [\"r\"|\"w\", k, v]: " +
                                 json::serialize(mop));
        }
    }
}

class TxnClient : public Client {
  public:
    std::variant<json::object, Completion> request(const Op& invoke) override {
        return json::object{{"type", "txn"}, {"txn", invoke.value}};
    }
    Completion on_reply(const Op& /*invoke*/, const json::object& reply) override {
        check_reply_schema(reply, "txn_ok", {"txn"});
        check_txn_shape(reply.at("txn"));
        return Completion{OpType::ok, reply.at("txn"), std::nullopt};
    }
};

class TxnRwRegisterWorkload : public Workload {
  public:
    explicit TxnRwRegisterWorkload(const WorkloadOptions& options)
        : generator_options_{options.key_count.value_or(10), options.max_txn_length,
                             options.max_writes_per_key},
          models_(options.consistency_models) {}

    std::unique_ptr<Generator> generator() override {
        return std::make_unique<TxnGenerator>(generator_options_);
    }
    std::unique_ptr<Client> client() override { return std::make_unique<TxnClient>(); }
    bool reusable_clients() const override { return true; }
    ErrorPolicy error_policy() const override { return ErrorPolicy{true, {}}; }
    CheckResult check(const History& history) override {
        return check_txn_rw_register(history, models_);
    }

  private:
    TxnGeneratorOptions generator_options_;
    std::vector<std::string> models_;
};

const WorkloadRegistration txn_rw_register_registration{
    "txn-rw-register", [](const WorkloadOptions& options) {
        return std::make_unique<TxnRwRegisterWorkload>(options);
    }};

}  // namespace
}  // namespace sim
