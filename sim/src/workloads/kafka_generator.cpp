#include "workloads/kafka_generator.hpp"

#include <algorithm>

namespace sim {
namespace {

namespace json = boost::json;

constexpr std::int64_t kSecondNs = 1'000'000'000;
constexpr std::int64_t kFinalPhaseNs = 10 * kSecondNs;
constexpr std::int64_t kFinalPollMaxGapNs = 2 * kSecondNs / 5;

void raise(std::map<std::string, std::int64_t>& m, const std::string& key, std::int64_t offset) {
    auto [it, inserted] = m.try_emplace(key, offset);
    if (!inserted) {
        it->second = std::max(it->second, offset);
    }
}

// Calls f(key, offset) for every offset an ok send or poll completion holds.
template <typename F>
void for_each_offset(const Op& completion, F&& f) {
    if (completion.type != OpType::ok || !completion.value.is_array()) {
        return;
    }
    for (const auto& mop_value : completion.value.get_array()) {
        const auto* mop = mop_value.if_array();
        if (mop == nullptr || mop->empty() || !(*mop)[0].is_string()) {
            continue;
        }
        if ((*mop)[0].get_string() == "send" && mop->size() == 3 && (*mop)[1].is_string()) {
            const auto* pair = (*mop)[2].if_array();
            if (pair != nullptr && pair->size() == 2 && (*pair)[0].is_int64()) {
                f(std::string((*mop)[1].get_string()), (*pair)[0].get_int64(), true);
            }
        } else if ((*mop)[0].get_string() == "poll" && mop->size() == 2 && (*mop)[1].is_object()) {
            for (const auto& entry : (*mop)[1].get_object()) {
                if (!entry.value().is_array()) {
                    continue;
                }
                for (const auto& pair_value : entry.value().get_array()) {
                    const auto* pair = pair_value.if_array();
                    if (pair != nullptr && !pair->empty() && (*pair)[0].is_int64()) {
                        f(std::string(entry.key()), (*pair)[0].get_int64(), false);
                    }
                }
            }
        }
    }
}

}  // namespace

void record_kafka_progress(KafkaProgress& progress, const Op& completion) {
    for_each_offset(completion, [&](const std::string& key, std::int64_t offset, bool sent) {
        raise(progress.highest_offset, key, offset);
        raise(sent ? progress.highest_sent : progress.highest_polled, key, offset);
    });
}

KafkaGenerator::KafkaGenerator(TxnGeneratorOptions options, std::shared_ptr<KafkaProgress> progress)
    : source_(options), progress_(std::move(progress)) {}

Invocation KafkaGenerator::assign_for(const std::string& key, Rng& rng) {
    json::array keys{json::value(key)};
    // A third of assigns also take over keys with acknowledged messages nobody
    // has polled yet, so that those get consumed.
    if (uniform_int(rng, 0, 2) == 0) {
        for (const auto& [k, sent] : progress_->highest_sent) {
            auto polled = progress_->highest_polled.find(k);
            const bool unpolled =
                polled == progress_->highest_polled.end() || polled->second < sent;
            if (unpolled && k != key) {
                keys.push_back(json::value(k));
            }
        }
    }
    return Invocation{"assign", std::move(keys), false};
}

GeneratorStep KafkaGenerator::next(GeneratorContext& ctx) {
    // Each client crashes about every 30 s: crashes of all threads arrive
    // with mean gap 30 / concurrency s.
    const auto crash_window_ns = 60 * kSecondNs / std::max(1, ctx.concurrency);
    if (!next_crash_ns_) {
        next_crash_ns_ = ctx.time_ns + uniform_int(ctx.rng, 0, crash_window_ns - 1);
    }
    if (ctx.time_ns >= *next_crash_ns_) {
        next_crash_ns_ = ctx.time_ns + uniform_int(ctx.rng, 0, crash_window_ns - 1);
        return GeneratorStep::make_op(Invocation{"crash", nullptr, false});
    }
    if (deferred_) {
        auto op = std::move(*deferred_);
        deferred_.reset();
        return GeneratorStep::make_op(std::move(op));
    }
    const auto mop = source_.next_mop(ctx.rng);
    const auto key = std::to_string(mop.key);
    Invocation op =
        mop.write ? Invocation{"send", json::array{json::array{"send", key, mop.value}}, false}
                  : Invocation{"poll", json::array{json::array{"poll"}}, false};
    if (uniform_int(ctx.rng, 0, 63) == 0) {
        deferred_ = std::move(op);
        return GeneratorStep::make_op(assign_for(key, ctx.rng));
    }
    return GeneratorStep::make_op(std::move(op));
}

void KafkaGenerator::on_complete(const Op& /*invoke*/, const Op& completion) {
    record_kafka_progress(*progress_, completion);
}

KafkaFinalGenerator::KafkaFinalGenerator(std::shared_ptr<KafkaProgress> progress)
    : progress_(std::move(progress)) {}

bool KafkaFinalGenerator::caught_up(const ThreadState& state) const {
    return std::all_of(progress_->highest_offset.begin(), progress_->highest_offset.end(),
                       [&](const auto& entry) {
                           auto it = state.polled.find(entry.first);
                           return it != state.polled.end() && it->second >= entry.second;
                       });
}

GeneratorStep KafkaFinalGenerator::next(GeneratorContext& ctx) {
    concurrency_ = std::max(1, ctx.concurrency);
    if (!started_ns_) {
        started_ns_ = ctx.time_ns;
    }
    const auto thread = static_cast<std::size_t>(ctx.thread);
    if (threads_.size() <= thread) {
        threads_.resize(thread + 1);
    }
    auto& state = threads_[thread];
    if (ctx.time_ns - *started_ns_ >= kFinalPhaseNs) {
        state.stage = Stage::done;
    }
    switch (state.stage) {
        case Stage::crash:
            state.stage = Stage::assign;
            return GeneratorStep::make_op(Invocation{"crash", nullptr, false});
        case Stage::assign: {
            if (progress_->highest_offset.empty()) {
                state.stage = Stage::done;
                return GeneratorStep::make_done();
            }
            json::array keys;
            for (const auto& [key, offset] : progress_->highest_offset) {
                keys.push_back(json::value(key));
            }
            state.stage = Stage::poll;
            // The final flag makes the client seek to the beginning of every key.
            return GeneratorStep::make_op(Invocation{"assign", std::move(keys), true});
        }
        case Stage::poll: {
            if (caught_up(state)) {
                state.stage = Stage::done;
                return GeneratorStep::make_done();
            }
            const std::int64_t due = std::max(ctx.time_ns, state.next_poll_ns.value_or(0));
            if (due - *started_ns_ >= kFinalPhaseNs) {
                state.stage = Stage::done;
                return GeneratorStep::make_done();
            }
            state.next_poll_ns = due + uniform_int(ctx.rng, 0, kFinalPollMaxGapNs - 1);
            return GeneratorStep::make_op_at(
                Invocation{"poll", json::array{json::array{"poll"}}, true}, due);
        }
        case Stage::done:
            break;
    }
    return GeneratorStep::make_done();
}

void KafkaFinalGenerator::on_complete(const Op& invoke, const Op& completion) {
    const auto thread = static_cast<std::size_t>(completion.process % concurrency_);
    if (thread >= threads_.size()) {
        return;
    }
    auto& state = threads_[thread];
    // A poll that ended indefinitely replaced the client, which lost its
    // assignment: assign again before polling on.
    if (invoke.f == "poll" && completion.type == OpType::info && state.stage == Stage::poll) {
        state.stage = Stage::assign;
        return;
    }
    for_each_offset(completion, [&](const std::string& key, std::int64_t offset, bool sent) {
        if (!sent) {
            raise(state.polled, key, offset);
        }
    });
}

}  // namespace sim
