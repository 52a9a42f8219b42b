// The kafka workload (workloads/kafka.md).
#include <memory>

#include "checkers/kafka_checker.hpp"
#include "run/workload.hpp"
#include "workloads/kafka_client.hpp"
#include "workloads/kafka_generator.hpp"

namespace sim {
namespace {

class KafkaWorkload : public Workload {
  public:
    explicit KafkaWorkload(const WorkloadOptions& options)
        : generator_options_{options.key_count.value_or(10), 1, options.max_writes_per_key},
          progress_(std::make_shared<KafkaProgress>()) {}

    std::unique_ptr<Generator> generator() override {
        return std::make_unique<KafkaGenerator>(generator_options_, progress_);
    }
    std::unique_ptr<Generator> final_generator() override {
        return std::make_unique<KafkaFinalGenerator>(progress_);
    }
    std::unique_ptr<Client> client() override { return std::make_unique<KafkaClient>(); }
    bool reusable_clients() const override { return false; }
    ErrorPolicy error_policy() const override { return ErrorPolicy{true, {"assign"}}; }
    CheckResult check(const History& history) override { return check_kafka(history); }

  private:
    TxnGeneratorOptions generator_options_;
    std::shared_ptr<KafkaProgress> progress_;
};

const WorkloadRegistration kafka_registration{"kafka", [](const WorkloadOptions& options) {
                                                  return std::make_unique<KafkaWorkload>(options);
                                              }};

}  // namespace
}  // namespace sim
