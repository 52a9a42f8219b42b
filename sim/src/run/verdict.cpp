#include "run/verdict.hpp"

#include "reports/edn_printer.hpp"
#include "run/targets.hpp"

namespace sim {

bool print_results(std::ostream& out, const Options& options, const boost::json::object& results) {
    out << to_edn(results) << "\n\n";
    if (options.targets.empty()) {
        return true;
    }
    const auto report = judge_targets(options.targets, options, results);
    out << format_targets(report) << '\n';
    return report.pass;
}

int print_closing_line(std::ostream& out, Validity valid, bool targets_met) {
    switch (valid) {
        case Validity::valid:
            out << "Everything looks good! ヽ(‘ー`)ノ\n";
            return targets_met ? kExitValid : kExitInvalid;
        case Validity::invalid:
            out << "Analysis invalid! (ﾉಥ益ಥ）ﾉ ┻━┻\n";
            return kExitInvalid;
        case Validity::unknown:
            out << "Errors occurred during analysis, but no anomalies found. ಠ~ಠ\n";
            return kExitUnknown;
    }
    return kExitUnknown;
}

}  // namespace sim
