// maelstrom-sim: runs a Maelstrom workload against a node binary on a
// simulated network and judges the result, like `maelstrom test`.
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <random>

#include "analysis.hpp"
#include "edn_printer.hpp"
#include "options.hpp"
#include "runner.hpp"
#include "store.hpp"
#include "svg_messages.hpp"
#include "svg_plots.hpp"
#include "targets.hpp"

namespace {

constexpr int kExitValid = 0;
constexpr int kExitInvalid = 1;
constexpr int kExitUnknown = 2;
constexpr int kExitBadArguments = 254;

sim::WorkloadOptions workload_options(const sim::Options& o) {
    sim::WorkloadOptions w;
    w.nodes = o.nodes;
    w.concurrency = o.concurrency;
    w.rate = o.rate;
    w.topology = o.topology;
    w.key_count = o.key_count;
    w.max_txn_length = o.max_txn_length;
    w.max_writes_per_key = o.max_writes_per_key;
    w.consistency_models = o.consistency_models;
    w.latency_ms = static_cast<int>(o.latency_ms);
    w.time_limit_s = o.time_limit_s;
    return w;
}

void print_crash(const sim::NodeCrash& crash, const std::filesystem::path& store_dir) {
    std::cerr << "\nNode " << crash.node << " crashed with " << crash.status
              << ". Before crashing, it wrote to STDOUT:\n\n";
    for (const auto& line : crash.last_stdout) {
        std::cerr << "  " << line << '\n';
    }
    std::cerr << "\nAnd to STDERR:\n\n";
    for (const auto& line : crash.last_stderr) {
        std::cerr << "  " << line << '\n';
    }
    std::cerr << "\nFull STDERR logs are available in "
              << (store_dir / "node-logs" / (crash.node + ".log")).string() << "\n";
}

int run(const sim::Options& options) {
    auto workload =
        sim::WorkloadRegistry::instance().make(options.workload, workload_options(options));
    sim::Rng rng(options.seed);
    const auto store_dir = sim::make_store_dir(options.store, options.workload);
    std::cerr << "maelstrom-sim: workload " << options.workload << ", " << options.nodes.size()
              << " nodes, seed " << options.seed << ", store " << store_dir.string() << "\n";
    sim::Runner runner(options, *workload, rng, store_dir);
    sim::RunRecord record = runner.run();

    if (!record.abort_reason.empty()) {
        std::cerr << "\nThe test could not run: " << record.abort_reason << "\n";
        for (const auto& crash : record.crashes) {
            print_crash(crash, store_dir);
        }
        return kExitUnknown;
    }
    sim::Analysis analysis = sim::analyze(options, record, runner.network(), *workload);
    sim::write_run_files(store_dir, record, analysis.results);
    sim::write_latency_plot(store_dir / "latency-raw.svg", record);
    sim::write_rate_plot(store_dir / "rate.svg", record);
    sim::write_resources_plot(store_dir / "resources.svg", record);
    sim::write_message_diagram(store_dir / "messages.svg", runner.network(), options.nodes);

    std::cout << sim::to_edn(analysis.results) << "\n\n";
    if (!options.targets.empty()) {
        std::cout << sim::format_targets(
                         sim::judge_targets(options.targets, options, analysis.results))
                  << '\n';
    }
    if (!record.crashes.empty()) {
        for (const auto& crash : record.crashes) {
            print_crash(crash, store_dir);
        }
        std::cout << "The run is void: a node crashed (Maelstrom aborts with exit status 255).\n";
        return kExitUnknown;
    }
    bool targets_pass = true;
    if (!options.targets.empty()) {
        targets_pass = sim::judge_targets(options.targets, options, analysis.results).pass;
    }
    switch (analysis.valid) {
        case sim::Validity::valid:
            std::cout << "Everything looks good! ヽ(‘ー`)ノ\n";
            return targets_pass ? kExitValid : kExitInvalid;
        case sim::Validity::invalid:
            std::cout << "Analysis invalid! (ﾉಥ益ಥ）ﾉ ┻━┻\n";
            return kExitInvalid;
        case sim::Validity::unknown:
            std::cout << "Errors occurred during analysis, but no anomalies found. ಠ~ಠ\n";
            return kExitUnknown;
    }
    return kExitUnknown;
}

}  // namespace

int main(int argc, char** argv) {
    ::signal(SIGPIPE, SIG_IGN);
    std::vector<std::string> args(argv + 1, argv + argc);
    auto parsed = sim::parse_options(args);
    if (std::holds_alternative<sim::HelpRequested>(parsed)) {
        std::cout << sim::usage();
        return kExitValid;
    }
    if (const auto* error = std::get_if<sim::ParseError>(&parsed)) {
        std::cerr << "maelstrom-sim: " << error->message << "\n\n" << sim::usage();
        return kExitBadArguments;
    }
    auto options = std::get<sim::Options>(parsed);
    const auto names = sim::WorkloadRegistry::instance().names();
    if (std::find(names.begin(), names.end(), options.workload) == names.end()) {
        std::cerr << "maelstrom-sim: workload " << options.workload
                  << " is not supported by this bench; supported:";
        for (const auto& name : names) {
            std::cerr << ' ' << name;
        }
        std::cerr << '\n';
        return kExitBadArguments;
    }
    if (options.workload == "lin-kv" &&
        options.concurrency % (2 * static_cast<int>(options.nodes.size())) != 0) {
        // Maelstrom aborts such a run with an assertion (exit 255).
        std::cerr << "maelstrom-sim: lin-kv needs --concurrency to be a multiple of 2n (e.g. 2n)\n";
        return kExitUnknown;
    }
    if (!options.targets.empty() && !sim::target_workload(options.targets)) {
        std::cerr << "maelstrom-sim: --targets: unknown part " << options.targets
                  << " (1, 2, 3a..3e, 4, 5a..5c, 6a..6c)\n";
        return kExitBadArguments;
    }
    if (::access(options.bin.c_str(), X_OK) != 0) {
        std::cerr << "maelstrom-sim: --bin " << options.bin << " is not an executable file\n";
        return kExitBadArguments;
    }
    if (!options.seed_given) {
        options.seed = std::random_device{}();
    }
    try {
        return run(options);
    } catch (const std::exception& e) {
        std::cerr << "maelstrom-sim: internal error: " << e.what() << '\n';
        return kExitUnknown;
    }
}
