// The lin-kv workload (workloads/lin-kv.md): independent keys, each driven
// by a group of 2n worker threads, checked for linearizability per key.
#include <algorithm>
#include <map>
#include <set>

#include "checkers/history_util.hpp"
#include "checkers/linearizability.hpp"
#include "workloads/generators.hpp"

namespace sim {
namespace {

constexpr std::size_t kMaxProcessesPerKey = 20;

class LinKvGenerator : public Generator {
  public:
    LinKvGenerator(int node_count, int concurrency)
        : group_size_(2 * node_count), node_count_(node_count) {
        const int groups = std::max(1, concurrency / group_size_);
        for (int g = 0; g < groups; ++g) {
            groups_.push_back(Group{next_key_++, {}});
        }
        infos_.assign(static_cast<std::size_t>(concurrency), 0);
        concurrency_ = concurrency;
    }

    GeneratorStep next(GeneratorContext& ctx) override {
        auto& group = groups_[static_cast<std::size_t>(ctx.thread / group_size_) % groups_.size()];
        const std::int64_t process =
            ctx.thread + infos_[static_cast<std::size_t>(ctx.thread)] * concurrency_;
        if (group.processes.count(process) == 0 && group.processes.size() >= kMaxProcessesPerKey) {
            group = Group{next_key_++, {}};
        }
        group.processes.insert(process);
        const std::int64_t key = group.key;
        // Only the first n threads of the whole range read (Maelstrom's
        // reserve is not offset per group).
        if (ctx.thread < node_count_) {
            return GeneratorStep::make_op(
                Invocation{"read", boost::json::array{key, nullptr}, false});
        }
        if (uniform_int(ctx.rng, 0, 2) == 0) {
            return GeneratorStep::make_op(
                Invocation{"write", boost::json::array{key, uniform_int(ctx.rng, 0, 4)}, false});
        }
        return GeneratorStep::make_op(Invocation{
            "cas",
            boost::json::array{
                key, boost::json::array{uniform_int(ctx.rng, 0, 4), uniform_int(ctx.rng, 0, 4)}},
            false});
    }

    void on_complete(const Op& /*invoke*/, const Op& completion) override {
        if (completion.type == OpType::info && completion.process >= 0) {
            ++infos_[static_cast<std::size_t>(completion.process % concurrency_)];
        }
    }

  private:
    struct Group {
        std::int64_t key;
        std::set<std::int64_t> processes;
    };
    int group_size_;
    int node_count_;
    int concurrency_ = 1;
    std::int64_t next_key_ = 0;
    std::vector<Group> groups_;
    std::vector<std::int64_t> infos_;
};

class LinKvClient : public Client {
  public:
    std::variant<boost::json::object, Completion> request(const Op& invoke) override {
        const auto& v = invoke.value.as_array();
        if (invoke.f == "read") {
            return boost::json::object{{"type", "read"}, {"key", v[0]}};
        }
        if (invoke.f == "write") {
            return boost::json::object{{"type", "write"}, {"key", v[0]}, {"value", v[1]}};
        }
        const auto& ab = v[1].as_array();
        return boost::json::object{{"type", "cas"}, {"key", v[0]}, {"from", ab[0]}, {"to", ab[1]}};
    }
    Completion on_reply(const Op& invoke, const boost::json::object& reply) override {
        if (invoke.f == "read") {
            check_reply_schema(reply, "read_ok", {"value"});
            return Completion{OpType::ok,
                              boost::json::array{invoke.value.as_array()[0], reply.at("value")},
                              std::nullopt};
        }
        check_reply_schema(reply, invoke.f + "_ok", {});
        return Completion{OpType::ok, invoke.value, std::nullopt};
    }
};

std::optional<std::int64_t> int_or_null(const boost::json::value& v) {
    if (v.is_int64()) {
        return v.get_int64();
    }
    return std::nullopt;
}

CheckResult check_lin_kv(const History& history) {
    std::map<std::string, std::pair<boost::json::value, std::vector<RegisterOp>>> by_key;
    std::set<std::string> unparsable;
    const auto pairs = pair_completions(history);
    for (const auto& [i, c] : pairs) {
        const Op& invoke = history[static_cast<std::size_t>(i)];
        const Op& done = history[static_cast<std::size_t>(c)];
        if (!is_client_op(invoke) || done.type == OpType::fail || !invoke.value.is_array()) {
            continue;
        }
        const auto& v = invoke.value.as_array();
        const std::string key = boost::json::serialize(v[0]);
        auto& entry = by_key[key];
        entry.first = v[0];
        RegisterOp op;
        op.invoke_index = invoke.index;
        if (done.type == OpType::ok) {
            op.complete_index = done.index;
        }
        if (invoke.f == "read") {
            if (done.type != OpType::ok) {
                continue;  // an unfinished read constrains nothing
            }
            op.kind = RegisterOp::Kind::read;
            const auto& read = done.value.as_array()[1];
            if (!read.is_null() && !read.is_int64()) {
                // A value the register never held (e.g. a string) cannot be
                // linearized; -1 is never written either.
                op.value = -1;
            } else {
                op.value = int_or_null(read);
            }
        } else if (invoke.f == "write") {
            op.kind = RegisterOp::Kind::write;
            op.value = int_or_null(v[1]);
        } else if (invoke.f == "cas") {
            op.kind = RegisterOp::Kind::cas;
            op.from = v[1].as_array()[0].as_int64();
            op.to = v[1].as_array()[1].as_int64();
        } else {
            continue;
        }
        entry.second.push_back(op);
    }
    CheckResult result;
    boost::json::object results;
    boost::json::array failures;
    for (auto& [key, entry] : by_key) {
        const auto verdict = check_cas_register(entry.second);
        results[key] = boost::json::object{
            {"valid?", verdict.valid == Validity::valid     ? boost::json::value(true)
                       : verdict.valid == Validity::invalid ? boost::json::value(false)
                                                            : boost::json::value("unknown")},
            {"op-count", static_cast<std::int64_t>(entry.second.size())},
            {"search-steps", verdict.explored}};
        if (verdict.valid == Validity::invalid) {
            failures.push_back(entry.first);
        }
        if (verdict.valid == Validity::invalid ||
            (verdict.valid == Validity::unknown && result.valid == Validity::valid)) {
            result.valid = verdict.valid;
        }
    }
    result.report = {{"results", std::move(results)}, {"failures", std::move(failures)}};
    return result;
}

class LinKvWorkload : public Workload {
  public:
    explicit LinKvWorkload(const WorkloadOptions& options) : options_(options) {}
    std::unique_ptr<Generator> generator() override {
        return std::make_unique<LinKvGenerator>(static_cast<int>(options_.nodes.size()),
                                                options_.concurrency);
    }
    std::unique_ptr<Client> client() override { return std::make_unique<LinKvClient>(); }
    bool reusable_clients() const override { return true; }
    ErrorPolicy error_policy() const override { return ErrorPolicy{true, {"read"}}; }
    std::chrono::milliseconds rpc_timeout() const override {
        return std::chrono::milliseconds(std::max(10 * options_.latency_ms, 1000));
    }
    CheckResult check(const History& history) override { return check_lin_kv(history); }

  private:
    WorkloadOptions options_;
};

const WorkloadRegistration lin_kv_registration{"lin-kv", [](const WorkloadOptions& options) {
                                                   return std::make_unique<LinKvWorkload>(options);
                                               }};

}  // namespace
}  // namespace sim
