#include "workloads/txn_workload.hpp"

#include "workloads/txn_generator.hpp"

namespace sim {
namespace {

namespace json = boost::json;

class TxnOpGenerator : public Generator {
  public:
    TxnOpGenerator(TxnGeneratorOptions options, std::string_view write_f)
        : source_(options), write_f_(write_f) {}
    GeneratorStep next(GeneratorContext& ctx) override {
        json::array txn;
        for (const auto& m : source_.next_txn(ctx.rng)) {
            if (m.write) {
                txn.push_back(json::array{json::string(write_f_), m.key, m.value});
            } else {
                txn.push_back(json::array{"r", m.key, nullptr});
            }
        }
        return GeneratorStep::make_op(Invocation{"txn", std::move(txn), false});
    }

  private:
    TxnSource source_;
    std::string_view write_f_;
};

class TxnClient : public Client {
  public:
    explicit TxnClient(TxnWorkloadKind kind) : kind_(kind) {}
    std::variant<json::object, Completion> request(const Op& invoke) override {
        return json::object{{"type", "txn"}, {"txn", invoke.value}};
    }
    Completion on_reply(const Op& /*invoke*/, const json::object& reply) override {
        check_reply_schema(reply, "txn_ok", {"txn"});
        const auto& txn = reply.at("txn");
        const auto* mops = txn.if_array();
        if (mops == nullptr) {
            throw MalformedReply("Malformed RPC response: txn is not a list: " +
                                 json::serialize(txn));
        }
        for (const auto& mop : *mops) {
            kind_.check_micro_op(mop);
        }
        return Completion{OpType::ok, txn, std::nullopt};
    }

  private:
    TxnWorkloadKind kind_;
};

class TxnWorkload : public Workload {
  public:
    TxnWorkload(const WorkloadOptions& options, TxnWorkloadKind kind)
        : generator_options_{options.key_count.value_or(10), options.max_txn_length,
                             options.max_writes_per_key},
          models_(options.consistency_models),
          kind_(kind) {}

    std::unique_ptr<Generator> generator() override {
        return std::make_unique<TxnOpGenerator>(generator_options_, kind_.write_f);
    }
    std::unique_ptr<Client> client() override { return std::make_unique<TxnClient>(kind_); }
    bool reusable_clients() const override { return true; }
    ErrorPolicy error_policy() const override { return ErrorPolicy{true, {}}; }
    CheckResult check(const History& history) override { return kind_.check(history, models_); }

  private:
    TxnGeneratorOptions generator_options_;
    std::vector<std::string> models_;
    TxnWorkloadKind kind_;
};

}  // namespace

std::unique_ptr<Workload> make_txn_workload(const WorkloadOptions& options, TxnWorkloadKind kind) {
    return std::make_unique<TxnWorkload>(options, kind);
}

}  // namespace sim
