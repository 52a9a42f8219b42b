// maelstrom-sim: runs a Maelstrom workload against a node binary on a
// simulated network and judges the result, like `maelstrom test`.
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <random>

#include "commands/analyze_command.hpp"
#include "reports/run_reports.hpp"
#include "reports/svg_messages.hpp"
#include "reports/svg_plots.hpp"
#include "run/analysis.hpp"
#include "run/command_line.hpp"
#include "run/options.hpp"
#include "run/runner.hpp"
#include "run/store.hpp"
#include "run/stored_run.hpp"
#include "run/targets.hpp"
#include "run/verdict.hpp"
#include "run/workload_options.hpp"
#include "serve/store_server.hpp"

namespace {

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
        sim::WorkloadRegistry::instance().make(options.workload, sim::workload_options(options));
    sim::RunRngs rngs(options.seed);
    const auto store_dir = sim::make_store_dir(options.store, options.workload);
    sim::write_test_file(store_dir, options);
    std::cerr << "maelstrom-sim: workload " << options.workload << ", " << options.nodes.size()
              << " nodes, seed " << options.seed << ", store " << store_dir.string() << "\n";
    sim::Runner runner(options, *workload, rngs, store_dir);
    sim::RunRecord record = runner.run();

    if (!record.abort_reason.empty()) {
        std::cerr << "\nThe test could not run: " << record.abort_reason << "\n";
        for (const auto& crash : record.crashes) {
            print_crash(crash, store_dir);
        }
        return sim::kExitUnknown;
    }
    sim::Analysis analysis = sim::analyze(options, record, runner.network(), *workload);
    sim::write_run_files(store_dir, record, analysis.results);
    sim::write_latency_plot(store_dir / "latency-raw.svg", record);
    sim::write_rate_plot(store_dir / "rate.svg", record);
    sim::write_resources_plot(store_dir / "resources.svg", record);
    sim::write_message_diagram(store_dir / "messages.svg", runner.network(), options.nodes);
    sim::write_history_reports(store_dir, record, options);

    const bool targets_met = sim::print_results(std::cout, options, analysis.results);
    if (!record.crashes.empty()) {
        for (const auto& crash : record.crashes) {
            print_crash(crash, store_dir);
        }
        std::cout << "The run is void: a node crashed (Maelstrom aborts with exit status 255).\n";
        return sim::kExitUnknown;
    }
    return sim::print_closing_line(std::cout, analysis.valid, targets_met);
}

// --test-count: Maelstrom runs the test again until one is not valid, and
// exits with that run's status. Every run gets its own seed (the given one
// plus the run's number), so that repeated runs try different schedules.
int run_tests(sim::Options options) {
    const std::uint64_t first_seed = options.seed_given ? options.seed : std::random_device{}();
    for (int i = 0; i < options.test_count; ++i) {
        if (options.test_count > 1) {
            std::cerr << "maelstrom-sim: test " << i + 1 << " of " << options.test_count << "\n";
        }
        options.seed = options.seed_given ? first_seed + static_cast<std::uint64_t>(i)
                                          : (i == 0 ? first_seed : std::random_device{}());
        const int status = run(options);
        if (status != sim::kExitValid) {
            return status;
        }
    }
    return sim::kExitValid;
}

template <typename Parsed>
int usage_or_error(const Parsed& parsed) {
    if (std::holds_alternative<sim::HelpRequested>(parsed)) {
        std::cout << sim::usage();
        return sim::kExitValid;
    }
    std::cerr << "maelstrom-sim: " << std::get<sim::ParseError>(parsed).message << "\n\n"
              << sim::usage();
    return sim::kExitBadArguments;
}

int serve(const sim::ServeOptions& options) {
    try {
        sim::StoreServer server(options.store, options.host, options.port);
        std::cerr << "maelstrom-sim: serving " << options.store << " on http://" << options.host
                  << ':' << server.port() << "/\n";
        server.run();
        return sim::kExitValid;
    } catch (const std::exception& e) {
        std::cerr << "maelstrom-sim: serve: " << e.what() << '\n';
        return sim::kExitUnknown;
    }
}

}  // namespace

int main(int argc, char** argv) {
    ::signal(SIGPIPE, SIG_IGN);
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "analyze") {
        const auto parsed = sim::parse_analyze_options(args);
        if (const auto* options = std::get_if<sim::AnalyzeOptions>(&parsed)) {
            try {
                return sim::analyze_command(*options, std::cout, std::cerr);
            } catch (const std::exception& e) {
                std::cerr << "maelstrom-sim: internal error: " << e.what() << '\n';
                return sim::kExitUnknown;
            }
        }
        return usage_or_error(parsed);
    }
    if (!args.empty() && args[0] == "serve") {
        const auto parsed = sim::parse_serve_options(args);
        if (const auto* options = std::get_if<sim::ServeOptions>(&parsed)) {
            return serve(*options);
        }
        return usage_or_error(parsed);
    }
    auto parsed = sim::parse_options(args);
    if (!std::holds_alternative<sim::Options>(parsed)) {
        return usage_or_error(parsed);
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
        return sim::kExitBadArguments;
    }
    if (options.workload == "lin-kv" &&
        options.concurrency % (2 * static_cast<int>(options.nodes.size())) != 0) {
        // Maelstrom aborts such a run with an assertion (exit 255).
        std::cerr << "maelstrom-sim: lin-kv needs --concurrency to be a multiple of 2n (e.g. 2n)\n";
        return sim::kExitUnknown;
    }
    if (!options.targets.empty() && !sim::target_workload(options.targets)) {
        std::cerr << "maelstrom-sim: --targets: unknown part " << options.targets
                  << " (1, 2, 3a..3e, 4, 5a..5c, 6a..6c)\n";
        return sim::kExitBadArguments;
    }
    if (::access(options.bin.c_str(), X_OK) != 0) {
        std::cerr << "maelstrom-sim: --bin " << options.bin << " is not an executable file\n";
        return sim::kExitBadArguments;
    }
    try {
        return run_tests(options);
    } catch (const std::exception& e) {
        std::cerr << "maelstrom-sim: internal error: " << e.what() << '\n';
        return sim::kExitUnknown;
    }
}
