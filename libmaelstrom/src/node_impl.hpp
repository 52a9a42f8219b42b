#pragma once
// The inside of maelstrom::Node, shared by the files that implement it, one
// seam each: node_input.cpp (reading and the input turn), node_routing.cpp
// (what a parsed line becomes, init), node_output.cpp (lines out, replies,
// errors), node_rpc.cpp (the table of pending RPCs), node_timers.cpp and
// node_lifecycle.cpp (the service thread's watch, shutdown, stats).
// docs/threading.md says which thread runs what.
#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "handler_pool.hpp"
#include "line_parser.hpp"
#include "maelstrom/node.hpp"
#include "output_writer.hpp"
#include "stats_reporter.hpp"

namespace maelstrom {

struct detail::TimerState {
    std::function<void()> fn;
    std::chrono::milliseconds interval{};
    bool repeat = false;
    std::atomic<bool> cancelled{false};
    // Created, armed and destroyed on the service thread only.
    std::unique_ptr<asio::steady_timer> timer;
};

namespace detail {

// The turn to read input, held by one thread at a time. The holder parses a
// line and runs what it asks for itself; while it runs user code it may lose
// the turn (it blocked), and then it must not touch the input again.
struct InputTurn {
    const void* owner = nullptr;
    // Raised every time the holder starts user code; see Node::Impl::input_state.
    std::uint64_t epoch = 0;
    bool in_user_code = false;
    bool lost = false;
};

// Set while a thread works through input: its replies are flushed together
// when the input read so far is used up, one write(2) for all of them. The
// service thread's periodic flush bounds how long a reply waits behind slow
// handlers of later requests in the same read.
inline thread_local bool batching_replies = false;
inline thread_local InputTurn* current_turn = nullptr;

}  // namespace detail

struct Node::Impl {
    using handler = std::variant<handler_fn, consuming_handler_fn, coroutine_handler_fn>;
    // Looked up by the string_view of a message's type, without a copy.
    struct type_hash : std::hash<std::string_view> {
        using is_transparent = void;
    };
    using handler_table = std::unordered_map<std::string, handler, type_hash, std::equal_to<>>;

    struct Pending {
        rpc_handler completion;
        std::unique_ptr<asio::steady_timer> deadline;
        std::string dest;
    };

    struct HeldLine {
        std::string dest;
        json::object body;
        std::optional<std::int64_t> in_reply_to;
    };

    enum class InitState { waiting, running, done };

    explicit Impl(const NodeOptions& node_options);

    // ---- output (node_output.cpp), any thread ----
    void emit(std::string_view dest, json::object&& body, bool may_defer = true,
              std::optional<std::int64_t> in_reply_to = std::nullopt);
    void write_line(std::string_view src, std::string_view dest, json::object&& body,
                    bool may_defer, std::optional<std::int64_t> in_reply_to);
    bool hold_until_named(std::string_view dest, json::object& body,
                          std::optional<std::int64_t> in_reply_to);
    void name_node();
    void emit_reply(const Message& request, json::object&& body, std::int64_t msg_id);
    void reply_to(const Message& request, json::object&& body);
    bool too_late_for_client(const Message& request) const;
    void reply_error(const Message& request, error_code code, std::string_view text);
    void report_failure(const Message& request, std::exception_ptr error);

    // ---- input (node_input.cpp) ----
    // A handler-pool task: takes the input turn and keeps it until the input
    // ends or user code it runs blocks.
    void serve_input();
    void use_buffered_input(detail::InputTurn& turn);
    // Routes the message the parser just produced, if any.
    void serve_parsed();
    void end_input();
    // Runs fn, user code, on the thread holding the input turn; the turn's
    // `lost` tells the caller when it was taken away meanwhile (fn blocked).
    template <class F>
    void run_user_code(F&& fn);
    // Called by a thread about to block: if it holds the input turn, the turn
    // goes to another thread at once.
    void give_up_input_before_blocking();
    // Service thread: takes the turn from a holder stuck in user code.
    void watch_input();
    bool pass_input_on(std::uint64_t busy_state);

    // ---- routing (node_routing.cpp), input turn ----
    void on_parsed(Message&& message, std::size_t line);
    void reject_malformed(detail::MalformedEnvelope&& malformed, std::size_t line);
    // `facts`: what the parser saw of the body, or null for a message read some other way.
    void route(Message&& message, std::size_t line, const detail::BodyFacts* facts);
    // handlers.find, remembering the last type looked up: consecutive requests are mostly of
    // one type, and comparing it costs less than hashing it.
    handler_table::iterator find_handler(std::string_view type);
    void dispatch(Message&& message);
    void dispatch(Message&& message, handler_table::iterator found,
                  const detail::BodyFacts* facts = nullptr);
    void run_request(const handler_fn& request_handler, const Message& message);
    void run_consuming_request(const consuming_handler_fn& request_handler, Message&& message,
                               std::string_view type, std::optional<std::int64_t> msg_id);
    void handle_init(Message&& message);
    void run_init(const Message& message);
    void finish_init(bool ok);

    // ---- RPC (node_rpc.cpp) ----
    void start_rpc(std::string dest, json::object body, std::chrono::milliseconds timeout,
                   rpc_handler completion);
    std::optional<Pending> take_pending(std::int64_t msg_id);
    bool complete_pending(std::int64_t msg_id, Message& reply);
    void fail_pending(std::int64_t msg_id, const std::string& why);
    void fail_all_pending(const std::string& why);
    void complete(rpc_handler completion, std::exception_ptr error, Message reply);

    // ---- timers (node_timers.cpp) ----
    TimerHandle start_timer(std::chrono::milliseconds interval, std::function<void()> fn,
                            bool repeat);
    void arm(const std::shared_ptr<detail::TimerState>& state);
    void arm_timers_after_init();
    void forget(const std::shared_ptr<detail::TimerState>& state);
    void close_timers();

    // ---- service thread (node_lifecycle.cpp) ----
    void run();
    void start_stats_reporting();
    json::object stats_snapshot();
    // The pool's threads but the one the input turn needs.
    std::size_t handler_threads() const noexcept {
        const auto threads = pool.thread_count();
        return threads > 0 ? threads - 1 : 0;
    }
    void watch();
    void begin_shutdown();
    bool shutdown_step();

    NodeOptions options;
    asio::io_context io{1};
    detail::HandlerPool pool;
    detail::OutputWriter writer;
    detail::LineParser parser;
    asio::steady_timer watchdog;
    std::optional<detail::StatsReporter> stats;

    // The input, touched only by the thread holding the input turn.
    int input_fd = -1;
    std::array<char, 64 * 1024> read_buffer{};
    std::size_t read_pos = 0;
    std::size_t read_end = 0;
    std::chrono::steady_clock::time_point read_at;
    // The parser's message for the line just parsed, if it has not been served yet.
    Message* parsed = nullptr;
    std::size_t parsed_line = 0;
    bool input_ended = false;
    std::string last_type;
    handler_table::iterator last_handler;
    // (epoch << 1) | 1 while the holder runs user code, epoch << 1 otherwise.
    // The holder raises the epoch for every run of user code; whoever takes
    // the turn away moves the word from the busy value it saw to the next
    // epoch, so the holder's closing compare-and-swap fails and tells it.
    std::atomic<std::uint64_t> input_state{0};
    std::atomic<long> input_thread{0};
    std::atomic<std::uint64_t> input_handoffs{0};
    std::uint64_t input_state_seen = 0;  // service thread only

    handler_table handlers;
    std::function<void()> init_hook;
    std::string id;
    std::vector<std::string> node_ids;
    std::mutex init_mutex;
    InitState init_state = InitState::waiting;
    std::vector<Message> early;
    std::atomic<bool> init_done{false};

    // Set (with id) when init arrives; read by every thread that writes.
    std::atomic<bool> id_known{false};
    std::mutex held_mutex;
    std::vector<HeldLine> held;

    std::atomic<std::int64_t> next_msg_id{1};
    mutable std::mutex pending_mutex;
    std::unordered_map<std::int64_t, Pending> pending;
    std::atomic<bool> rpcs_closed{false};

    // Service thread only, but for timer_count.
    std::vector<std::shared_ptr<detail::TimerState>> timers;
    std::atomic<std::size_t> timer_count{0};
    bool timers_closed = false;
    bool timers_may_run = false;

    // Coroutine handlers running, and user code that lost the input turn and has not finished;
    // user code on the thread holding the turn shows in input_state instead.
    std::atomic<std::int64_t> in_flight{0};
    int shutdown_phase = 0;
    std::chrono::steady_clock::time_point shutdown_deadline;
    bool ran = false;
};

template <class F>
void Node::Impl::run_user_code(F&& fn) {
    auto* turn = detail::current_turn;
    if (turn == nullptr || turn->owner != this || turn->in_user_code || turn->lost) {
        fn();
        return;
    }
    const auto busy = (++turn->epoch << 1) | 1;
    // Release: whoever takes the turn away sees the input as this thread left it.
    input_state.store(busy, std::memory_order_release);
    turn->in_user_code = true;
    fn();
    turn->in_user_code = false;
    auto expected = busy;
    if (input_state.compare_exchange_strong(expected, busy & ~std::uint64_t{1},
                                            std::memory_order_acq_rel)) {
        return;
    }
    turn->lost = true;
    in_flight.fetch_sub(1, std::memory_order_release);
}

}  // namespace maelstrom
