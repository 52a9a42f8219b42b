#pragma once
// The interface a workload implements, and the registry the bench finds
// workloads in by their Maelstrom name (-w NAME).
//
// A workload has four parts, mirroring Maelstrom's workload maps:
//   - Generator: produces the operations worker threads perform (main phase,
//     rate-limited by the bench, and an optional final phase);
//   - Client: turns one operation into one RPC with a node and the node's
//     reply into the completion recorded in the history;
//   - error policy: how error replies and timeouts are classified;
//   - check(): the workload checker over the whole history.
// Everything runs on the bench's single event loop: no member is ever called
// concurrently, and no member may block.
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "run/history.hpp"
#include "run/rng.hpp"

namespace sim {

// The command-line options a workload may depend on (Maelstrom's names).
struct WorkloadOptions {
    std::vector<std::string> nodes;  // server node ids in test order
    int concurrency = 1;             // number of worker threads
    double rate = 5.0;               // --rate (ops/s)
    std::string topology = "grid";   // --topology (broadcast)
    std::optional<int> key_count;    // --key-count (txn, kafka)
    int max_txn_length = 4;          // --max-txn-length
    int max_writes_per_key = 16;     // --max-writes-per-key
    std::vector<std::string> consistency_models{"strict-serializable"};  // --consistency-models
    int latency_ms = 0;                                                  // --latency (mean)
    std::int64_t time_limit_s = 60;                                      // --time-limit
};

// One operation a generator asks a worker to perform.
struct Invocation {
    std::string f;                       // e.g. "read", "send", "txn"
    boost::json::value value = nullptr;  // recorded as the invoke's :value
    bool final = false;                  // Maelstrom's :final? flag
};

// What a generator answers when a worker thread is free.
struct GeneratorStep {
    enum class Kind {
        op,       // perform `op` now
        pending,  // nothing yet: ask again after the next completion
        done      // this thread has nothing more to do in this phase
    };
    Kind kind = Kind::done;
    Invocation op;
    // For `op`: the run time (GeneratorContext::time_ns) before which it must not start,
    // as Jepsen's stagger delays an op. The thread stays occupied until then.
    std::int64_t not_before_ns = 0;

    static GeneratorStep make_op(Invocation o) { return {Kind::op, std::move(o)}; }
    static GeneratorStep make_op_at(Invocation o, std::int64_t not_before_ns) {
        return {Kind::op, std::move(o), not_before_ns};
    }
    static GeneratorStep make_pending() { return {Kind::pending, {}}; }
    static GeneratorStep make_done() { return {Kind::done, {}}; }
};

struct GeneratorContext {
    int thread = 0;            // the free worker thread, 0 .. concurrency-1
    int concurrency = 1;       // number of worker threads
    std::int64_t time_ns = 0;  // since the start of the run
    Rng& rng;                  // the clients' seeded generator: use it for every random choice
};

// Produces operations. The bench calls next() whenever a worker thread is free
// (in the main phase only when the --rate stagger allows another op), and
// on_complete() for every completion of an op this generator produced.
class Generator {
  public:
    virtual ~Generator() = default;
    // Workload authors: return the next op for ctx.thread, `pending` to wait
    // for other threads' completions, or `done` when this thread is finished
    // for this phase. The main phase also ends at --time-limit regardless.
    virtual GeneratorStep next(GeneratorContext& ctx) = 0;
    // Workload authors: override to react to results (e.g. final polls that
    // continue until everything acknowledged has been read).
    virtual void on_complete(const Op& /*invoke*/, const Op& /*completion*/) {}
};

// The outcome of an operation as the client records it. The bench fills in
// index, time and process.
struct Completion {
    OpType type = OpType::ok;
    boost::json::value value = nullptr;
    std::optional<boost::json::value> error;
    // Set by Client::on_reply when the op needs one more RPC with the same
    // node (kafka: poll, then commit_offsets): the bench sends this body and
    // passes its reply to on_reply again instead of completing the op.
    std::optional<boost::json::object> follow_up = std::nullopt;
};

// Thrown by Client::on_reply when a reply violates the workload's closed
// reply schema; the bench records the op as :info with this exception, as
// Maelstrom records "Malformed RPC response".
class MalformedReply : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Throws MalformedReply unless `reply` holds only "type", "in_reply_to",
// optional "msg_id" and the listed workload fields, with "type" equal to
// `expected_type`. Fields listed in `required` must be present.
void check_reply_schema(const boost::json::object& reply, const std::string& expected_type,
                        const std::vector<std::string>& required,
                        const std::vector<std::string>& optional = {});

// Talks to one node on behalf of one worker thread. A client performs at most
// one op at a time. Each client gets its own Maelstrom client id (c<k>).
class Client {
  public:
    virtual ~Client() = default;
    // Workload authors: return the request body for `invoke` (with "type";
    // the bench adds "msg_id"), or a Completion to finish the op locally
    // without any message (e.g. kafka assign/subscribe).
    virtual std::variant<boost::json::object, Completion> request(const Op& invoke) = 0;
    // Workload authors: turn a non-error reply into the completion; call
    // check_reply_schema first. Error replies ("type":"error") and timeouts
    // never reach this function: the bench classifies them with the
    // workload's ErrorPolicy.
    virtual Completion on_reply(const Op& invoke, const boost::json::object& reply) = 0;
};

// How error replies and timeouts become history types (protocol.md section 6).
struct ErrorPolicy {
    // true: Maelstrom's with-errors mapping, using `idempotent`.
    // false: any error reply or timeout is an exception -> :info with
    //        :error "indeterminate: ..." (g-set, g-counter, pn-counter).
    bool map_errors = true;
    // :f values that are safe to retry, so timeouts/indefinite errors are :fail.
    std::set<std::string> idempotent;
};

class Workload {
  public:
    virtual ~Workload() = default;
    // Workload authors: the operations of the main phase.
    virtual std::unique_ptr<Generator> generator() = 0;
    // Workload authors: the final phase (after heal and the recovery wait),
    // or nullptr for workloads without one (then there is no final heal).
    virtual std::unique_ptr<Generator> final_generator() { return nullptr; }
    // Workload authors: a fresh client; called when a worker needs one.
    virtual std::unique_ptr<Client> client() = 0;
    // Workload authors: true if one client per thread serves the whole run
    // (unique-ids, lin-kv, txn-*); false if the client must be closed and
    // replaced after every :info (echo, broadcast, counters, g-set, kafka).
    virtual bool reusable_clients() const = 0;
    // Workload authors: error classification; see ErrorPolicy.
    virtual ErrorPolicy error_policy() const = 0;
    // Workload authors: per-RPC timeout (Maelstrom: 5000 ms for all but lin-kv).
    virtual std::chrono::milliseconds rpc_timeout() const {
        return std::chrono::milliseconds(5000);
    }
    // Workload authors: a request one setup client sends to `node` after all
    // inits and before any op (broadcast's topology), with the reply type it
    // must answer with; std::nullopt for none.
    struct SetupRequest {
        boost::json::object body;
        std::string reply_type;
    };
    virtual std::optional<SetupRequest> setup_request(const std::string& /*node*/) {
        return std::nullopt;
    }
    // Workload authors: the workload checker (results' :workload section).
    virtual CheckResult check(const History& history) = 0;
};

using WorkloadFactory = std::function<std::unique_ptr<Workload>(const WorkloadOptions&)>;

// Registry by workload name. Register from a .cpp file with a namespace-scope
//   const sim::WorkloadRegistration kafka_registration{"kafka", factory};
// (maelstrom_sim_core is an object library, so every registration is linked).
class WorkloadRegistry {
  public:
    static WorkloadRegistry& instance();
    void add(const std::string& name, WorkloadFactory factory);
    // nullptr if no workload of that name is registered.
    std::unique_ptr<Workload> make(const std::string& name, const WorkloadOptions& options) const;
    std::vector<std::string> names() const;

  private:
    std::map<std::string, WorkloadFactory> factories_;
};

struct WorkloadRegistration {
    WorkloadRegistration(const std::string& name, WorkloadFactory factory) {
        WorkloadRegistry::instance().add(name, std::move(factory));
    }
};

}  // namespace sim
