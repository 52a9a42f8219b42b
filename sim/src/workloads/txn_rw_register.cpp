// The txn-rw-register workload (workloads/txn-rw-register.md).
#include "checkers/txn_rw_register_checker.hpp"
#include "workloads/txn_workload.hpp"

namespace sim {
namespace {

namespace json = boost::json;

// A micro-op of a reply is [f, key, value] with f "r" or "w".
void check_micro_op(const json::value& mop) {
    const auto* parts = mop.if_array();
    const bool ok = parts != nullptr && parts->size() == 3 && (*parts)[0].is_string() &&
                    ((*parts)[0].get_string() == "r" || (*parts)[0].get_string() == "w");
    if (!ok) {
        throw MalformedReply("Malformed RPC response: micro-op is not [\"r\"|\"w\", k, v]: " +
                             json::serialize(mop));
    }
}

const WorkloadRegistration txn_rw_register_registration{
    "txn-rw-register", [](const WorkloadOptions& options) {
        return make_txn_workload(options, {"w", check_micro_op, check_txn_rw_register});
    }};

}  // namespace
}  // namespace sim
