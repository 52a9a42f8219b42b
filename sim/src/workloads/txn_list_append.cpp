// The txn-list-append workload (workloads/txn-list-append.md): the
// txn-rw-register generator with writes turned into appends, checked by
// Elle's list-append analysis.
#include <memory>

#include "checkers/list_append_checker.hpp"
#include "run/workload.hpp"
#include "workloads/txn_generator.hpp"

namespace sim {
namespace {

namespace json = boost::json;

class AppendTxnGenerator : public Generator {
  public:
    explicit AppendTxnGenerator(TxnGeneratorOptions options) : source_(options) {}
    GeneratorStep next(GeneratorContext& ctx) override {
        json::array txn;
        for (const auto& m : source_.next_txn(ctx.rng)) {
            if (m.write) {
                txn.push_back(json::array{"append", m.key, m.value});
            } else {
                txn.push_back(json::array{"r", m.key, nullptr});
            }
        }
        return GeneratorStep::make_op(Invocation{"txn", std::move(txn), false});
    }

  private:
    TxnSource source_;
};

// Maelstrom's reply schema: ["r", k, list-or-null] or ["append", k, element].
void check_txn_shape(const json::value& txn) {
    const auto* mops = txn.if_array();
    if (mops == nullptr) {
        throw MalformedReply("Malformed RPC response: txn is not a list: " + json::serialize(txn));
    }
    for (const auto& mop : *mops) {
        const auto* parts = mop.if_array();
        const bool shaped = parts != nullptr && parts->size() == 3 && (*parts)[0].is_string();
        const bool read = shaped && (*parts)[0].get_string() == "r" &&
                          ((*parts)[2].is_array() || (*parts)[2].is_null());
        const bool append = shaped && (*parts)[0].get_string() == "append";
        if (!read && !append) {
            throw MalformedReply(
                "Malformed RPC response: micro-op is not [\"r\", k, list] or [\"append\", k, v]: " +
                json::serialize(mop));
        }
    }
}

class AppendTxnClient : public Client {
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

class TxnListAppendWorkload : public Workload {
  public:
    explicit TxnListAppendWorkload(const WorkloadOptions& options)
        : generator_options_{options.key_count.value_or(10), options.max_txn_length,
                             options.max_writes_per_key},
          models_(options.consistency_models) {}

    std::unique_ptr<Generator> generator() override {
        return std::make_unique<AppendTxnGenerator>(generator_options_);
    }
    std::unique_ptr<Client> client() override { return std::make_unique<AppendTxnClient>(); }
    bool reusable_clients() const override { return true; }
    ErrorPolicy error_policy() const override { return ErrorPolicy{true, {}}; }
    CheckResult check(const History& history) override {
        return check_txn_list_append(history, models_);
    }

  private:
    TxnGeneratorOptions generator_options_;
    std::vector<std::string> models_;
};

const WorkloadRegistration txn_list_append_registration{
    "txn-list-append", [](const WorkloadOptions& options) {
        return std::make_unique<TxnListAppendWorkload>(options);
    }};

}  // namespace
}  // namespace sim
