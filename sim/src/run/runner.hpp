#pragma once
// Drives one test on a single event loop: spawn nodes, init, workload setup,
// main phase with nemesis, final phase, teardown.
#include <boost/asio.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "network/loop_cpu_clock.hpp"
#include "network/nemesis.hpp"
#include "network/network.hpp"
#include "network/node_process.hpp"
#include "reports/journal_writer.hpp"
#include "run/options.hpp"
#include "run/resource_sampler.hpp"
#include "run/rng.hpp"
#include "run/run_record.hpp"
#include "run/workload.hpp"
#include "services/services.hpp"
#include "workloads/rpc_client.hpp"

namespace sim {

class Runner {
  public:
    Runner(const Options& options, Workload& workload, RunRngs& rngs,
           std::filesystem::path store_dir);
    ~Runner();

    RunRecord run();
    const Network& network() const { return *net_; }

  private:
    struct Worker {
        int thread = 0;
        std::int64_t process = 0;
        std::string node;
        std::unique_ptr<Client> client;
        std::unique_ptr<RpcClient> rpc;
        bool busy = false;
        bool done = false;
        // Holds an op a generator asked to start later.
        std::unique_ptr<boost::asio::steady_timer> delay;
    };
    enum class Phase { init, setup, main, recovery, final, finished };

    void start_nodes();
    void on_node_line(const std::string& node, const std::string& line);
    void node_problem(const std::string& node, const std::string& reason, const std::string& line);
    void start_setup();
    void start_main();
    void schedule_main();
    void nemesis_step();
    void end_main_if_idle();
    void start_final();
    void schedule_final();
    // Starts the step's op now, or at its not_before_ns with the worker busy until then.
    void start_step(Worker& worker, GeneratorStep step);
    void invoke(Worker& worker, Invocation invocation);
    void call_node(Worker& worker, const Op& op, boost::json::object body);
    void complete(Worker& worker, const Op& invoke, Completion completion,
                  std::optional<std::string> exception = std::nullopt);
    void classify_error(Worker& worker, const Op& invoke, const boost::json::object& reply);
    void classify_timeout(Worker& worker, const Op& invoke);
    void finish();
    void abort_run(const std::string& reason);
    void progress_tick();
    std::unique_ptr<RpcClient> open_client();
    std::int64_t now_ns() const;
    bool any_busy() const;

    const Options& options_;
    Workload& workload_;
    Rng& rng_;
    Rng& client_rng_;
    NemesisSchedule nemesis_schedule_;
    std::filesystem::path store_dir_;
    std::filesystem::path node_cwd_;
    boost::asio::io_context io_;
    std::chrono::steady_clock::time_point start_;
    LoopCpuClock loop_clock_;  // outlives the network, which reads it
    std::unique_ptr<Network> net_;
    std::unique_ptr<JournalWriter> journal_writer_;
    std::map<std::string, std::unique_ptr<Service>> services_;
    std::map<std::string, std::unique_ptr<NodeProcess>> nodes_;
    std::map<std::string, bool> node_muted_;
    std::unique_ptr<ResourceSampler> sampler_;
    std::vector<std::unique_ptr<RpcClient>> setup_clients_;
    std::vector<Worker> workers_;
    // Clients closed inside their own callbacks, destroyed by a later handler. Held here, not
    // by that handler, so that if the run ends first they go before the network they
    // unregister from.
    std::vector<std::shared_ptr<void>> retired_clients_;
    std::unique_ptr<Generator> generator_;
    std::unique_ptr<Generator> final_generator_;
    ErrorPolicy error_policy_;
    std::int64_t next_client_ = 0;
    int pending_setup_ = 0;
    Phase phase_ = Phase::init;
    std::int64_t main_start_ns_ = 0;
    std::int64_t main_deadline_ns_ = 0;
    std::int64_t next_emit_ns_ = 0;
    bool nemesis_partitioned_ = false;
    boost::asio::steady_timer stagger_timer_;
    boost::asio::steady_timer phase_timer_;
    boost::asio::steady_timer nemesis_timer_;
    boost::asio::steady_timer progress_timer_;
    boost::asio::signal_set signals_;
    std::int64_t ops_invoked_ = 0;
    std::int64_t progress_ticks_ = 0;
    RunRecord record_;
};

}  // namespace sim
