#include "run/runner.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <iostream>

#include "network/loop_scheduling.hpp"
#include "network/nemesis.hpp"
#include "run/error_codes.hpp"

namespace sim {
namespace {

constexpr auto kInitTimeout = std::chrono::milliseconds(10000);
constexpr auto kSetupTimeout = std::chrono::milliseconds(5000);
// messages.svg draws the first 10 000 events; a message's id never exceeds its
// events' journal index, so these bodies cover every event it can draw.
constexpr std::int64_t kBodiesKeptForDiagram = 20000;

std::string describe_error(const boost::json::object& reply) {
    std::string text = "error";
    if (const auto* code = reply.if_contains("code")) {
        text += " " + boost::json::serialize(*code);
        if (code->is_int64()) {
            text += " (" + error_code_info(code->get_int64()).name + ")";
        }
    }
    if (const auto* t = reply.if_contains("text"); t != nullptr && t->is_string()) {
        text += ": " + std::string(t->get_string());
    }
    return text;
}

}  // namespace

Runner::Runner(const Options& options, Workload& workload, RunRngs& rngs,
               std::filesystem::path store_dir)
    : options_(options),
      workload_(workload),
      rng_(rngs.main()),
      client_rng_(rngs.clients()),
      nemesis_schedule_(rngs, options.nodes, options.nemesis_interval_s),
      store_dir_(std::move(store_dir)),
      start_(std::chrono::steady_clock::now()),
      stagger_timer_(io_),
      phase_timer_(io_),
      nemesis_timer_(io_),
      progress_timer_(io_),
      signals_(io_, SIGINT, SIGTERM) {
    // Interrupted runs still kill their nodes and report what happened.
    signals_.async_wait([this](const boost::system::error_code& ec, int signal_number) {
        if (!ec) {
            abort_run("interrupted by signal " + std::to_string(signal_number));
        }
    });
    net_ = std::make_unique<Network>(io_, LatencyModel(options.latency_dist, options.latency_ms),
                                     rng_, start_);
    // The message's wire line, laid at send, is what the destination gets, newline included.
    if (options_.log_net_send) {
        net_->on_send_log = [](const Message& m) { std::cerr << "net send " << m.wire; };
    }
    if (options_.log_net_recv) {
        net_->on_recv_log = [](const Message& m) { std::cerr << "net recv " << m.wire; };
    }
    error_policy_ = workload_.error_policy();
}

Runner::~Runner() = default;

std::int64_t Runner::now_ns() const {
    return net_->now_ns();
}

bool Runner::any_busy() const {
    return std::any_of(workers_.begin(), workers_.end(), [](const Worker& w) { return w.busy; });
}

std::unique_ptr<RpcClient> Runner::open_client() {
    return std::make_unique<RpcClient>(io_, *net_, "c" + std::to_string(next_client_++));
}

RunRecord Runner::run() {
    node_cwd_ = std::filesystem::temp_directory_path();
    std::filesystem::create_directories(store_dir_ / "node-logs");
    journal_writer_ = std::make_unique<JournalWriter>(store_dir_ / "net-journal.jsonl");
    net_->on_event = [writer = journal_writer_.get()](std::size_t index, const NetEvent& event,
                                                      const Message& message) {
        writer->write(index, event, message);
    };
    net_->keep_bodies_of_first(kBodiesKeptForDiagram);
    services_ = make_services(rng_);
    for (auto& [id, service] : services_) {
        Service* svc = service.get();
        const std::string service_id = id;
        net_->add(id, [this, svc, service_id](const Message& m) {
            auto reply = svc->handle(m.src, m.body);
            if (!reply) {
                std::cerr << "warning: " << service_id << " sent no reply to "
                          << boost::json::serialize(m.body) << '\n';
                return;
            }
            const auto* msg_id = m.body.if_contains("msg_id");
            (*reply)["in_reply_to"] = msg_id != nullptr ? *msg_id : boost::json::value(nullptr);
            net_->send(service_id, m.src, std::move(*reply));
        });
    }
    {
        const LoopScheduling scheduling;
        record_.loop_scheduling = scheduling.description();
        record_.monotonic_origin_ns =
            std::chrono::duration_cast<std::chrono::nanoseconds>(start_.time_since_epoch()).count();
        net_->set_loop_clock(&loop_clock_);
        boost::asio::post(io_, [this] { start_nodes(); });
        progress_tick();
        while (io_.run_one() != 0) {
            loop_clock_.mark();
        }
    }
    journal_writer_->flush();
    record_.duration_ns = now_ns();
    return std::move(record_);
}

void Runner::start_nodes() {
    const std::string bin = std::filesystem::absolute(options_.bin).lexically_normal().string();
    boost::json::array node_ids;
    for (const auto& node : options_.nodes) {
        node_ids.emplace_back(node);
    }
    std::vector<std::unique_ptr<RpcClient>> init_clients;
    for (const auto& node : options_.nodes) {
        auto process = std::make_unique<NodeProcess>(io_, node);
        process->set_echo_stderr(options_.log_stderr);
        try {
            process->start(bin, options_.node_args, node_cwd_,
                           store_dir_ / "node-logs" / (node + ".log"),
                           [this, node](const std::string& line) { on_node_line(node, line); });
        } catch (const std::exception& e) {
            abort_run(e.what());
            return;
        }
        NodeProcess* raw = process.get();
        nodes_[node] = std::move(process);
        net_->add(node, [raw](const Message& m) { raw->write_line(m.wire); });
    }
    sampler_ = std::make_unique<ResourceSampler>(
        io_, [this] { return now_ns(); }, std::chrono::seconds(1), store_dir_ / "resources.csv");
    for (auto& [node, process] : nodes_) {
        sampler_->watch(*process);
        process->set_stderr_observer(
            [this, id = node](const std::string& line) { sampler_->note_stderr_line(id, line); });
    }
    sampler_->start();
    pending_setup_ = static_cast<int>(options_.nodes.size());
    for (const auto& node : options_.nodes) {
        auto client = open_client();
        RpcClient* raw = client.get();
        setup_clients_.push_back(std::move(client));
        raw->call(
            node, boost::json::object{{"type", "init"}, {"node_id", node}, {"node_ids", node_ids}},
            kInitTimeout, [this, node](std::optional<boost::json::object> reply) {
                if (phase_ != Phase::init) {
                    return;
                }
                if (!reply) {
                    abort_run("init failed: node " + node + " did not answer init within 10 s");
                    return;
                }
                const auto* type = reply->if_contains("type");
                if (type == nullptr || !type->is_string() || type->get_string() != "init_ok") {
                    abort_run("init failed: node " + node + " answered init with " +
                              boost::json::serialize(*reply));
                    return;
                }
                if (--pending_setup_ == 0) {
                    start_setup();
                }
            });
    }
}

void Runner::node_problem(const std::string& node, const std::string& reason,
                          const std::string& line) {
    std::cerr << "\nERROR: node " << node << " " << reason << "; the bench stops reading its "
              << "stdout (as Maelstrom does) and the run is invalid. Offending line:\n  " << line
              << '\n';
    record_.problems.push_back(NodeProblem{node, reason, line});
    nodes_.at(node)->stop_reading();
}

void Runner::on_node_line(const std::string& node, const std::string& line) {
    boost::system::error_code ec;
    boost::json::value parsed = boost::json::parse(line, ec);
    if (ec || !parsed.is_object()) {
        node_problem(node,
                     "printed a line to STDOUT which was not a well-formed JSON object. Did you "
                     "mean to encode this line as JSON? Or was this line intended for STDERR?",
                     line);
        return;
    }
    auto& envelope = parsed.get_object();
    for (const auto& entry : envelope) {
        const auto key = entry.key();
        if (key != "src" && key != "dest" && key != "body" && key != "id") {
            node_problem(
                node,
                "sent a message with the unexpected top-level key \"" + std::string(key) + "\"",
                line);
            return;
        }
    }
    const auto* src = envelope.if_contains("src");
    const auto* dest = envelope.if_contains("dest");
    const auto* body = envelope.if_contains("body");
    if (src == nullptr || dest == nullptr || body == nullptr || !src->is_string() ||
        !dest->is_string()) {
        node_problem(node, "sent a message without string src and dest and a body", line);
        return;
    }
    if (const auto* id = envelope.if_contains("id"); id != nullptr && !id->is_int64()) {
        node_problem(node, "sent a message whose id is not an integer", line);
        return;
    }
    boost::json::object body_object;
    if (body->is_object()) {
        body_object = body->get_object();
    } else if (!body->is_null()) {
        node_problem(node, "sent a message whose body is not a JSON object", line);
        return;
    }
    const std::string from(src->get_string());
    const std::string to(dest->get_string());
    if (net_->send(from, to, std::move(body_object)) < 0) {
        node_problem(node,
                     "sent a message from or to an id that is not on the network (" + from +
                         " -> " + to + "; a closed client or a misspelled id)",
                     line);
    }
}

void Runner::start_setup() {
    phase_ = Phase::setup;
    pending_setup_ = 0;
    for (const auto& node : options_.nodes) {
        auto request = workload_.setup_request(node);
        if (!request) {
            continue;
        }
        ++pending_setup_;
        auto client = open_client();
        RpcClient* raw = client.get();
        setup_clients_.push_back(std::move(client));
        const std::string reply_type = request->reply_type;
        raw->call(
            node, std::move(request->body), kSetupTimeout,
            [this, node, reply_type](std::optional<boost::json::object> reply) {
                if (phase_ != Phase::setup) {
                    return;
                }
                if (!reply) {
                    abort_run("setup failed: node " + node +
                              " did not answer the setup request within 5 s");
                    return;
                }
                const auto* type = reply->if_contains("type");
                if (type == nullptr || !type->is_string() || type->get_string() != reply_type) {
                    abort_run("setup failed: node " + node + " answered with " +
                              boost::json::serialize(*reply));
                    return;
                }
                if (--pending_setup_ == 0) {
                    start_main();
                }
            });
    }
    if (pending_setup_ == 0) {
        start_main();
    }
}

void Runner::start_main() {
    phase_ = Phase::main;
    generator_ = workload_.generator();
    final_generator_ = workload_.final_generator();
    workers_.clear();
    for (int t = 0; t < options_.concurrency; ++t) {
        Worker w;
        w.thread = t;
        w.process = t;
        w.node = options_.nodes[static_cast<std::size_t>(t) % options_.nodes.size()];
        workers_.push_back(std::move(w));
    }
    main_start_ns_ = now_ns();
    main_deadline_ns_ = main_start_ns_ + options_.time_limit_s * 1'000'000'000;
    next_emit_ns_ = main_start_ns_;
    phase_timer_.expires_at(start_ + std::chrono::nanoseconds(main_deadline_ns_));
    phase_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) {
            end_main_if_idle();
        }
    });
    if (options_.nemesis_partition) {
        nemesis_step();
    }
    schedule_main();
}

void Runner::nemesis_step() {
    if (phase_ != Phase::main || now_ns() >= main_deadline_ns_) {
        return;
    }
    Op invoke;
    invoke.process = kNemesisProcess;
    invoke.type = OpType::invoke;
    invoke.time_ns = now_ns();
    invoke.index = static_cast<std::int64_t>(record_.history.size());
    Op done = invoke;
    done.type = OpType::info;
    NemesisOp op = nemesis_schedule_.next();
    if (op.start) {
        invoke.f = done.f = "start-partition";
        invoke.value = to_string(op.kind);
        done.value = boost::json::array{"isolated", grudge_to_json(op.grudge)};
        net_->set_partitions(std::move(op.grudge));
        if (!nemesis_partitioned_) {
            record_.partitions.push_back(PartitionInterval{invoke.time_ns, -1});
        }
        nemesis_partitioned_ = true;
    } else {
        invoke.f = done.f = "stop-partition";
        done.value = "network-healed";
        net_->heal();
        if (nemesis_partitioned_ && !record_.partitions.empty()) {
            record_.partitions.back().end_ns = invoke.time_ns;
        }
        nemesis_partitioned_ = false;
    }
    record_.history.push_back(invoke);
    done.index = static_cast<std::int64_t>(record_.history.size());
    done.time_ns = now_ns();
    record_.history.push_back(done);
    nemesis_timer_.expires_after(std::chrono::nanoseconds(op.gap_ns));
    nemesis_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) {
            nemesis_step();
        }
    });
}

void Runner::schedule_main() {
    if (phase_ != Phase::main) {
        return;
    }
    const std::int64_t now = now_ns();
    if (now >= main_deadline_ns_ || options_.rate <= 0.0) {
        end_main_if_idle();
        return;
    }
    if (now < next_emit_ns_) {
        stagger_timer_.expires_at(start_ + std::chrono::nanoseconds(next_emit_ns_));
        stagger_timer_.async_wait([this](const boost::system::error_code& ec) {
            if (!ec) {
                schedule_main();
            }
        });
        return;
    }
    std::vector<Worker*> free;
    for (auto& w : workers_) {
        if (!w.busy && !w.done) {
            free.push_back(&w);
        }
    }
    std::shuffle(free.begin(), free.end(), client_rng_);
    for (Worker* w : free) {
        GeneratorContext ctx{w->thread, options_.concurrency, now, client_rng_};
        auto step = generator_->next(ctx);
        if (step.kind == GeneratorStep::Kind::done) {
            w->done = true;
            continue;
        }
        if (step.kind == GeneratorStep::Kind::pending) {
            continue;
        }
        const double gap_s = uniform_unit(client_rng_) * 2.0 / options_.rate;
        next_emit_ns_ = now + static_cast<std::int64_t>(gap_s * 1e9);
        start_step(*w, std::move(step));
        boost::asio::post(io_, [this] { schedule_main(); });
        return;
    }
    if (std::all_of(workers_.begin(), workers_.end(), [](const Worker& w) { return w.done; })) {
        main_deadline_ns_ = std::min(main_deadline_ns_, now);
        end_main_if_idle();
    }
}

void Runner::end_main_if_idle() {
    if (phase_ != Phase::main || now_ns() < main_deadline_ns_ || any_busy()) {
        return;
    }
    stagger_timer_.cancel();
    nemesis_timer_.cancel();
    if (!final_generator_) {
        finish();
        return;
    }
    generator_ = std::move(final_generator_);
    phase_ = Phase::recovery;
    if (options_.nemesis_partition) {
        Op invoke;
        invoke.process = kNemesisProcess;
        invoke.type = OpType::invoke;
        invoke.f = "stop-partition";
        invoke.time_ns = now_ns();
        invoke.index = static_cast<std::int64_t>(record_.history.size());
        record_.history.push_back(invoke);
        Op done = invoke;
        done.type = OpType::info;
        done.value = "network-healed";
        done.index = static_cast<std::int64_t>(record_.history.size());
        record_.history.push_back(done);
    }
    net_->heal();
    if (nemesis_partitioned_ && !record_.partitions.empty()) {
        record_.partitions.back().end_ns = now_ns();
    }
    nemesis_partitioned_ = false;
    std::cerr << "\nWaiting for recovery... (" << options_.recovery_time_s << " s)\n";
    phase_timer_.expires_after(
        std::chrono::nanoseconds(static_cast<std::int64_t>(options_.recovery_time_s * 1e9)));
    phase_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) {
            start_final();
        }
    });
}

void Runner::start_final() {
    phase_ = Phase::final;
    for (auto& w : workers_) {
        w.done = false;
    }
    schedule_final();
}

void Runner::schedule_final() {
    if (phase_ != Phase::final) {
        return;
    }
    bool emitted = false;
    for (auto& w : workers_) {
        if (w.busy || w.done) {
            continue;
        }
        GeneratorContext ctx{w.thread, options_.concurrency, now_ns(), client_rng_};
        auto step = generator_->next(ctx);
        if (step.kind == GeneratorStep::Kind::done) {
            w.done = true;
        } else if (step.kind == GeneratorStep::Kind::op) {
            emitted = true;
            start_step(w, std::move(step));
        }
    }
    if (!emitted && !any_busy()) {
        // Everyone finished, or every remaining thread waits on nothing.
        finish();
    }
}

void Runner::start_step(Worker& worker, GeneratorStep step) {
    if (step.not_before_ns <= now_ns()) {
        invoke(worker, std::move(step.op));
        return;
    }
    if (!worker.delay) {
        worker.delay = std::make_unique<boost::asio::steady_timer>(io_);
    }
    worker.busy = true;
    worker.delay->expires_at(start_ + std::chrono::nanoseconds(step.not_before_ns));
    worker.delay->async_wait(
        [this, &worker, op = std::move(step.op)](const boost::system::error_code& ec) mutable {
            if (ec || phase_ == Phase::finished) {
                return;
            }
            worker.busy = false;
            invoke(worker, std::move(op));
        });
}

void Runner::invoke(Worker& worker, Invocation invocation) {
    if (!worker.client) {
        worker.client = workload_.client();
        worker.rpc = open_client();
    }
    Op op;
    op.index = static_cast<std::int64_t>(record_.history.size());
    op.time_ns = now_ns();
    op.process = worker.process;
    op.type = OpType::invoke;
    op.f = std::move(invocation.f);
    op.value = std::move(invocation.value);
    op.final = invocation.final;
    record_.history.push_back(op);
    ++ops_invoked_;
    worker.busy = true;
    std::variant<boost::json::object, Completion> request;
    try {
        request = worker.client->request(op);
    } catch (const std::exception& e) {
        complete(worker, op, Completion{OpType::info, op.value, boost::json::value(e.what())},
                 std::string(e.what()));
        return;
    }
    if (auto* local = std::get_if<Completion>(&request)) {
        complete(worker, op, std::move(*local));
        return;
    }
    call_node(worker, op, std::move(std::get<boost::json::object>(request)));
}

void Runner::call_node(Worker& worker, const Op& op, boost::json::object body) {
    const int thread = worker.thread;
    worker.rpc->call(
        worker.node, std::move(body), workload_.rpc_timeout(),
        [this, thread, op](std::optional<boost::json::object> reply) {
            Worker& w = workers_[static_cast<std::size_t>(thread)];
            if (!reply) {
                classify_timeout(w, op);
                return;
            }
            const auto* type = reply->if_contains("type");
            if (type != nullptr && type->is_string() && type->get_string() == "error") {
                classify_error(w, op, *reply);
                return;
            }
            try {
                auto completion = w.client->on_reply(op, *reply);
                if (completion.follow_up) {
                    call_node(w, op, std::move(*completion.follow_up));
                    return;
                }
                complete(w, op, std::move(completion));
            } catch (const std::exception& e) {
                complete(w, op,
                         Completion{OpType::info, op.value,
                                    boost::json::value(std::string("indeterminate: ") + e.what())},
                         std::string(e.what()));
            }
        });
}

void Runner::classify_timeout(Worker& worker, const Op& invoke) {
    if (!error_policy_.map_errors) {
        complete(worker, invoke,
                 Completion{OpType::info, invoke.value,
                            boost::json::value("indeterminate: Client read timeout")},
                 std::string("Client read timeout"));
        return;
    }
    const bool idempotent = error_policy_.idempotent.count(invoke.f) != 0;
    complete(worker, invoke,
             Completion{idempotent ? OpType::fail : OpType::info, invoke.value,
                        boost::json::value("net-timeout")});
}

void Runner::classify_error(Worker& worker, const Op& invoke, const boost::json::object& reply) {
    if (!error_policy_.map_errors) {
        const std::string text = describe_error(reply);
        complete(
            worker, invoke,
            Completion{OpType::info, invoke.value, boost::json::value("indeterminate: " + text)},
            text);
        return;
    }
    const auto* code = reply.if_contains("code");
    const ErrorCodeInfo info = code != nullptr && code->is_int64()
                                   ? error_code_info(code->get_int64())
                                   : ErrorCodeInfo{"unknown", false};
    boost::json::value text = nullptr;
    if (const auto* t = reply.if_contains("text")) {
        text = *t;
    }
    const bool idempotent = error_policy_.idempotent.count(invoke.f) != 0;
    const OpType type = info.definite || idempotent ? OpType::fail : OpType::info;
    complete(
        worker, invoke,
        Completion{type, invoke.value, boost::json::array{boost::json::value(info.name), text}});
}

void Runner::complete(Worker& worker, const Op& invoke, Completion completion,
                      std::optional<std::string> exception) {
    Op op;
    op.index = static_cast<std::int64_t>(record_.history.size());
    op.time_ns = now_ns();
    op.process = worker.process;
    op.type = completion.type;
    op.f = invoke.f;
    op.value = std::move(completion.value);
    op.error = std::move(completion.error);
    op.final = invoke.final;
    op.exception = std::move(exception);
    record_.history.push_back(op);
    worker.busy = false;
    if (op.type == OpType::info) {
        worker.process += options_.concurrency;
        if (!workload_.reusable_clients()) {
            // Destroy later: we may be inside this client's own callback.
            retired_clients_.push_back(std::shared_ptr<RpcClient>(std::move(worker.rpc)));
            retired_clients_.push_back(std::shared_ptr<Client>(std::move(worker.client)));
            boost::asio::post(io_, [this] { retired_clients_.clear(); });
        }
    }
    generator_->on_complete(invoke, record_.history.back());
    if (phase_ == Phase::main) {
        boost::asio::post(io_, [this] { schedule_main(); });
    } else if (phase_ == Phase::final) {
        boost::asio::post(io_, [this] { schedule_final(); });
    }
}

void Runner::abort_run(const std::string& reason) {
    if (record_.abort_reason.empty()) {
        record_.abort_reason = reason;
    }
    finish();
}

void Runner::finish() {
    if (phase_ == Phase::finished) {
        return;
    }
    phase_ = Phase::finished;
    stagger_timer_.cancel();
    phase_timer_.cancel();
    nemesis_timer_.cancel();
    progress_timer_.cancel();
    boost::system::error_code ignored;
    signals_.cancel(ignored);
    for (auto& w : workers_) {
        if (w.delay) {
            w.delay->cancel();
        }
        w.rpc.reset();
        w.client.reset();
    }
    setup_clients_.clear();
    if (sampler_) {
        sampler_->stop();
        record_.resources = sampler_->take_samples();
    }
    for (auto& [id, process] : nodes_) {
        if (auto status = process->exit_status()) {
            record_.crashes.push_back(
                NodeCrash{id, *status, process->last_stdout(), process->last_stderr()});
        }
        process->kill();
    }
    if (isatty(STDERR_FILENO) != 0) {
        std::cerr << '\n';
    }
    io_.stop();
}

void Runner::progress_tick() {
    if (phase_ == Phase::finished) {
        return;
    }
    // A terminal gets a line rewritten every second; a log file a new line
    // every ten seconds.
    const bool terminal = isatty(STDERR_FILENO) != 0;
    const bool print = terminal || (++progress_ticks_ % 10 == 0);
    const double elapsed = static_cast<double>(now_ns()) / 1e9;
    const char* phase = "init";
    switch (phase_) {
        case Phase::setup:
            phase = "setup";
            break;
        case Phase::main:
            phase = "main";
            break;
        case Phase::recovery:
            phase = "recovery";
            break;
        case Phase::final:
            phase = "final reads";
            break;
        default:
            break;
    }
    const double total = static_cast<double>(options_.time_limit_s) +
                         (final_generator_ || phase_ == Phase::recovery || phase_ == Phase::final
                              ? options_.recovery_time_s
                              : 0.0);
    if (print) {
        std::fprintf(stderr, "%s[%6.1f s / ~%.0f s] %-11s %lld ops%s", terminal ? "\r" : "",
                     elapsed, total, phase, static_cast<long long>(ops_invoked_),
                     terminal ? "" : "\n");
        std::fflush(stderr);
    }
    progress_timer_.expires_after(std::chrono::seconds(1));
    progress_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) {
            progress_tick();
        }
    });
}

}  // namespace sim
