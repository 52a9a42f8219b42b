#include "commands/analyze_command.hpp"

#include <fstream>

#include "reports/run_reports.hpp"
#include "run/analysis.hpp"
#include "run/stored_run.hpp"
#include "run/verdict.hpp"
#include "run/workload_options.hpp"

namespace sim {

int analyze_command(const AnalyzeOptions& analyze, std::ostream& out, std::ostream& err) {
    const auto run_dir = find_run(analyze.store, analyze.test);
    if (!run_dir) {
        err << "maelstrom-sim: analyze: no stored run " << analyze.test << " in " << analyze.store
            << "\n";
        return kExitBadArguments;
    }
    err << "maelstrom-sim: analyzing " << run_dir->string() << "\n";
    Options options;
    if (const auto test = read_json_file(*run_dir / "test.json"); test && test->is_object()) {
        options = options_from_json(test->as_object());
    } else {
        // Runs stored before test.json existed: the workload is the directory's parent.
        options.workload = run_dir->parent_path().filename().string();
        err << "maelstrom-sim: " << (*run_dir / "test.json").string()
            << " is missing; checking with the default options of " << options.workload << "\n";
    }
    auto workload = WorkloadRegistry::instance().make(options.workload, workload_options(options));
    if (!workload) {
        err << "maelstrom-sim: analyze: workload " << options.workload << " is not supported\n";
        return kExitBadArguments;
    }
    RunRecord record;
    boost::json::object stored;
    try {
        record.history = read_history(*run_dir / "history.json");
    } catch (const std::exception& e) {
        err << "maelstrom-sim: analyze: " << e.what() << "\n";
        return kExitUnknown;
    }
    if (auto results = read_json_file(*run_dir / "results.json"); results && results->is_object()) {
        stored = std::move(results->as_object());
    }
    for (const Op& op : record.history) {
        record.duration_ns = std::max(record.duration_ns, op.time_ns);
    }
    record.partitions = partitions_of(record.history);

    const Analysis analysis = reanalyze(options, record.history, *workload, stored);
    std::ofstream(*run_dir / "results.json") << boost::json::serialize(analysis.results) << '\n';
    write_history_reports(*run_dir, record, options);
    const bool targets_met = print_results(out, options, analysis.results);
    return print_closing_line(out, analysis.valid, targets_met);
}

}  // namespace sim
