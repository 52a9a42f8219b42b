#pragma once
// The kafka workload's generators (workloads/kafka.md): the main phase's mix
// of sends, polls, assigns and crashes, and the final phase in which every
// thread re-reads every key from the beginning.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "run/workload.hpp"
#include "workloads/txn_generator.hpp"

namespace sim {

// What the main phase learned about the logs, for the final phase.
struct KafkaProgress {
    std::map<std::string, std::int64_t> highest_offset;  // seen in any ok send or poll
    std::map<std::string, std::int64_t> highest_sent;    // acknowledged sends
    std::map<std::string, std::int64_t> highest_polled;  // ok polls
};

class KafkaGenerator : public Generator {
  public:
    KafkaGenerator(TxnGeneratorOptions options, std::shared_ptr<KafkaProgress> progress);
    GeneratorStep next(GeneratorContext& ctx) override;
    void on_complete(const Op& invoke, const Op& completion) override;

  private:
    Invocation assign_for(const std::string& key, Rng& rng);

    TxnSource source_;
    std::shared_ptr<KafkaProgress> progress_;
    std::optional<Invocation> deferred_;  // the op an assign was emitted in place of
    std::optional<std::int64_t> next_crash_ns_;
};

class KafkaFinalGenerator : public Generator {
  public:
    explicit KafkaFinalGenerator(std::shared_ptr<KafkaProgress> progress);
    GeneratorStep next(GeneratorContext& ctx) override;
    void on_complete(const Op& invoke, const Op& completion) override;

  private:
    enum class Stage { crash, assign, poll, done };
    struct ThreadState {
        Stage stage = Stage::crash;
        std::map<std::string, std::int64_t> polled;  // highest offset read per key
        // When this thread's next poll may start: each comes a uniform [0, 0.4) s after the
        // previous one was due (Jepsen's stagger 1/5 over each thread's polls).
        std::optional<std::int64_t> next_poll_ns;
    };
    bool caught_up(const ThreadState& state) const;

    std::shared_ptr<KafkaProgress> progress_;
    std::vector<ThreadState> threads_;
    std::optional<std::int64_t> started_ns_;
    int concurrency_ = 1;
};

// Records every offset of ok sends and polls (final generator uses the totals).
void record_kafka_progress(KafkaProgress& progress, const Op& completion);

}  // namespace sim
