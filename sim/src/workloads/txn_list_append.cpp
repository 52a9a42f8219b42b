// The txn-list-append workload (workloads/txn-list-append.md): the
// txn-rw-register generator with writes turned into appends, checked by
// Elle's list-append analysis.
#include "checkers/list_append_checker.hpp"
#include "workloads/txn_workload.hpp"

namespace sim {
namespace {

namespace json = boost::json;

// Maelstrom's reply schema: ["r", k, list-or-null] or ["append", k, element].
void check_micro_op(const json::value& mop) {
    const auto* parts = mop.if_array();
    const bool shaped = parts != nullptr && parts->size() == 3 && (*parts)[0].is_string();
    const bool read = shaped && (*parts)[0].get_string() == "r" &&
                      ((*parts)[2].is_array() || (*parts)[2].is_null());
    const bool append = shaped && (*parts)[0].get_string() == "append";
    if (!read && !append) {
        throw MalformedReply(
            "Malformed RPC response: micro-op is not [\"r\", k, list] or [\"append\", k, v]: " +
            json::serialize(mop));
    }
}

const WorkloadRegistration txn_list_append_registration{
    "txn-list-append", [](const WorkloadOptions& options) {
        return make_txn_workload(options, {"append", check_micro_op, check_txn_list_append});
    }};

}  // namespace
}  // namespace sim
