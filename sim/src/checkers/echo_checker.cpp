#include "checkers/history_util.hpp"
#include "checkers/workload_checkers.hpp"

namespace sim {

CheckResult check_echo(const History& history) {
    boost::json::array errors;
    for (const auto& [invoke_index, completion_index] : pair_completions(history)) {
        const Op& invoke = history[static_cast<std::size_t>(invoke_index)];
        const Op& completion = history[static_cast<std::size_t>(completion_index)];
        if (invoke.f != "echo" || !is_client_op(invoke)) {
            continue;
        }
        const boost::json::value* echoed = nullptr;
        if (completion.type == OpType::ok && completion.value.is_object()) {
            echoed = completion.value.get_object().if_contains("echo");
        }
        if (echoed == nullptr || !(*echoed == invoke.value)) {
            errors.push_back(boost::json::array{"Expected a message with :echo", invoke.value,
                                                "But received", completion.value});
        }
    }
    CheckResult result;
    result.valid = errors.empty() ? Validity::valid : Validity::invalid;
    result.report = {{"valid?", errors.empty()}, {"errors", std::move(errors)}};
    return result;
}

}  // namespace sim
