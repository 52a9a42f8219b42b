#include "database_store.hpp"

#include <future>
#include <memory>
#include <optional>
#include <utility>

namespace txn_list_append {

using maelstrom::rpc_error;

namespace {

// A KV callback's outcome, waited for with Node::block_on: the reply is read
// by the thread holding the input, which a plain future::get on a handler
// that holds it would stall until the node's stall check moves reading on
// (5-10 ms per call). The error travels as a copied value,
// not as a rethrown exception object shared with the thread that completed
// the request (std::future's exception_ptr), whose reference counting
// happens inside libstdc++ where ThreadSanitizer cannot see it.
template <class T>
struct Outcome {
    std::optional<rpc_error> error;
    T value{};
};

}  // namespace

LinKvDatabaseStore::LinKvDatabaseStore(maelstrom::Node& node, std::string key,
                                       std::chrono::milliseconds timeout)
    : node_(node), kv_(node), key_(std::move(key)) {
    kv_.set_timeout(timeout);
}

json::value LinKvDatabaseStore::read() {
    auto done = std::make_shared<std::promise<Outcome<json::value>>>();
    auto outcome = done->get_future();
    kv_.async_read_or<json::value>(
        key_, json::value(nullptr), [done](std::optional<rpc_error> error, json::value value) {
            done->set_value(Outcome<json::value>{std::move(error), std::move(value)});
        });
    auto result = node_.block_on(std::move(outcome));
    if (result.error) {
        throw *result.error;
    }
    return std::move(result.value);
}

bool LinKvDatabaseStore::compare_and_set(const json::value& from, const json::value& to) {
    auto done = std::make_shared<std::promise<Outcome<bool>>>();
    auto outcome = done->get_future();
    // create_if_not_exists: the first commit needs no separate write, and a
    // missing key can only mean the empty database, whatever `from` is.
    kv_.async_cas(key_, from, to, true, [done](std::optional<rpc_error> error) {
        done->set_value(Outcome<bool>{std::move(error), true});
    });
    auto result = node_.block_on(std::move(outcome));
    if (!result.error) {
        return true;
    }
    if (result.error->code() == maelstrom::error_code::precondition_failed) {
        return false;
    }
    throw *result.error;
}

}  // namespace txn_list_append
