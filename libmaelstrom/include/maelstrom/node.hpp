#pragma once
// A Maelstrom node: reads messages from stdin, dispatches them to handlers,
// writes replies to stdout, and offers RPC, timers and shutdown handling.
// Threading model (docs/threading.md): the thread holding the input turn reads
// and parses input and runs each request's handler (and the callbacks of the
// replies it reads) itself; when a handler blocks, reading moves to another
// thread of an elastic handler pool, so a handler may block in sync_rpc()
// without stalling the node. Timer functions run on the pool; deadlines, the
// stall watch and shutdown on the thread that calls run().
#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "maelstrom/error.hpp"
#include "maelstrom/message.hpp"
#include "maelstrom/retry.hpp"

namespace maelstrom {

namespace asio = boost::asio;

struct NodeOptions {
    // The node reads messages from input_fd and writes them to output_fd;
    // tests pass pipes.
    int input_fd = 0;
    int output_fd = 1;
    // Default RPC deadline. Maelstrom's --latency 100 has an exponential
    // distribution option whose tail regularly exceeds 100 ms one way, so a
    // round trip needs several times the mean; 1 s covers it (the lin-kv
    // client itself waits max(10 * latency, 1 s)).
    std::chrono::milliseconds rpc_timeout{1000};
    // After stdin reaches EOF, in-flight handlers get this long to finish;
    // then pending RPCs fail with error_code::timeout and run() returns.
    std::chrono::milliseconds shutdown_grace{2000};
    // A reply to a Maelstrom client (id "c...") this long after its request was read is
    // dropped with a warning: the client gave up after 5 s, and Maelstrom stops reading the
    // stdout of a node that writes to a closed client, for the rest of the test. 0 disables.
    std::chrono::milliseconds client_reply_deadline{4900};
    // Handler pool, besides the thread that reads input: core threads always
    // exist; when queued work makes no progress for starvation_interval (every
    // worker is blocked), another thread is added, up to max_threads. Extra
    // threads retire when idle. A handler blocked that long on the input
    // thread hands reading on (at once in sync_rpc and block_on).
    std::size_t core_threads = 2;
    std::size_t max_threads = 256;
    std::chrono::milliseconds starvation_interval{5};
    // Input documents nested deeper than this are rejected with a clear error.
    std::size_t max_json_depth = 1024;
    // Large blocks go back to the OS: glibc maps blocks of at least this many bytes from the OS
    // (when its heap has no free space for them) and unmaps them when freed, with its
    // M_MMAP_THRESHOLD set to this process-wide when the node is constructed; and an output
    // buffer that grew past it for one message is released afterwards. By default glibc raises
    // that threshold to each large block it frees and keeps freed space resident, so a node
    // whose replies grow with its data (a broadcast read_ok lists every value) holds the
    // high-water mark of its replies. 0 leaves the allocator and the buffers as they are.
    std::size_t large_block_threshold = 64 * 1024;
};

// Completion signature of every RPC: an rpc_error (as exception_ptr) or the
// reply. A reply of type "error" arrives as an rpc_error with its code.
using rpc_signature = void(std::exception_ptr, Message);
using rpc_handler = asio::any_completion_handler<rpc_signature>;

namespace detail {
struct TimerState;

// A callback may take std::optional<rpc_error> instead of std::exception_ptr:
// this adapts it to the completion signature void(std::exception_ptr,
// Results...), keeping any executor or cancellation slot bound to it. Other
// tokens (use_future, use_awaitable, exception_ptr callbacks) pass through.
template <class... Results, class Token, class Executor>
decltype(auto) callback_token(Token&& token, const Executor& fallback) {
    using callback = std::decay_t<Token>;
    if constexpr (std::is_invocable_v<callback&, std::optional<rpc_error>, Results...> &&
                  !std::is_invocable_v<callback&, std::exception_ptr, Results...>) {
        auto executor = asio::get_associated_executor(token, fallback);
        auto slot = asio::get_associated_cancellation_slot(token);
        return asio::bind_cancellation_slot(
            slot, asio::bind_executor(executor,
                                      [f = callback(std::forward<Token>(token))](
                                          std::exception_ptr error, Results... results) mutable {
                                          f(rpc_error_of(error), std::move(results)...);
                                      }));
    } else {
        return std::forward<Token>(token);
    }
}
}  // namespace detail

// A running timer; cancel() stops future runs (a run in progress finishes).
// Copies refer to the same timer; destroying a handle does not cancel.
class TimerHandle {
  public:
    TimerHandle() = default;
    void cancel();
    bool active() const noexcept;

  private:
    friend class Node;
    explicit TimerHandle(std::shared_ptr<detail::TimerState> state) : state_(std::move(state)) {}
    std::shared_ptr<detail::TimerState> state_;
};

class Node {
  public:
    using executor_type = asio::io_context::executor_type;
    using handler_fn = std::function<void(const Message&)>;
    using consuming_handler_fn = std::function<void(Message&&)>;
    using coroutine_handler_fn = std::function<asio::awaitable<void>(const Message&)>;

    explicit Node(NodeOptions options = {});
    ~Node();
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    // Registers the handler for requests whose body.type is `type`. A handler
    // returning asio::awaitable<void> is co_spawned and must not block; any
    // other callable taking const Message& runs on the thread that read the
    // request and may block (reading then moves to another thread). A callable
    // taking Message&& runs the same way and owns the request: it may move
    // parts out, or edit the body into its reply. Register before run(). If it
    // throws rpc_error the request gets that error reply; any other exception
    // becomes error 13 (crash).
    template <class F>
    void handle(std::string type, F&& handler) {
        if constexpr (!std::is_invocable_v<F&, const Message&>) {
            static_assert(std::is_invocable_v<F&, Message&&>,
                          "a handler takes const Message& or Message&&");
            handle_consuming(std::move(type), consuming_handler_fn(std::forward<F>(handler)));
        } else if constexpr (std::is_same_v<std::invoke_result_t<F&, const Message&>,
                                            asio::awaitable<void>>) {
            handle_coroutine(std::move(type), coroutine_handler_fn(std::forward<F>(handler)));
        } else {
            handle_blocking(std::move(type), handler_fn(std::forward<F>(handler)));
        }
    }
    void handle_blocking(std::string type, handler_fn handler);
    void handle_consuming(std::string type, consuming_handler_fn handler);
    void handle_coroutine(std::string type, coroutine_handler_fn handler);

    // Runs on the handler pool after id() and node_ids() are set and before
    // init_ok is sent; if it throws, init gets an error reply instead.
    void on_init(std::function<void()> hook);

    // Serves until stdin reaches EOF, then shuts down (see NodeOptions).
    void run();

    // Valid once init has been received (inside handlers and the init hook).
    const std::string& id() const noexcept;
    const std::vector<std::string>& node_ids() const noexcept;
    // Every other server node (node_ids() without id()).
    std::vector<std::string> peer_ids() const;

    // Fire-and-forget message from id() to dest. Thread-safe.
    void send(std::string dest, json::object body);
    // Replies to a request: dest = request.src, body.in_reply_to = its msg_id.
    // The msg_id is read before the body is taken, so a handler that owns the
    // request may answer with its own body: reply(request, std::move(request.body)).
    void reply(const Message& request, json::object&& body);
    void reply(const Message& request, const json::object& body);
    template <class T>
    void reply(const Message& request, const T& body) {
        reply(request, make_body(body));
    }
    void reply_error(const Message& request, error_code code, std::string text);
    // A fresh msg_id for this node's outgoing messages.
    std::int64_t next_msg_id() noexcept;

    // The one RPC path. Token may be a callback void(std::optional<rpc_error>,
    // Message) or void(std::exception_ptr, Message), asio::use_future or
    // asio::use_awaitable. Callbacks run on the
    // handler pool (or on their bound executor); an asio cancellation slot
    // bound to the token cancels the RPC with rpc_error(timeout, "cancelled").
    // When the deadline passes the pending entry is removed at once and a late
    // reply is logged at debug level and dropped.
    template <class Token>
    auto async_rpc(std::string dest, json::object body, std::chrono::milliseconds timeout,
                   Token&& token) {
        decltype(auto) adapted =
            detail::callback_token<Message>(std::forward<Token>(token), executor_);
        return asio::async_initiate<decltype(adapted), rpc_signature>(
            [this](auto handler, std::string d, json::object b, std::chrono::milliseconds t) {
                auto executor = asio::get_associated_executor(handler, executor_);
                start_rpc(std::move(d), std::move(b), t,
                          rpc_handler(asio::bind_executor(executor, std::move(handler))));
            },
            adapted, std::move(dest), std::move(body), timeout);
    }
    template <class Token>
    auto async_rpc(std::string dest, json::object body, Token&& token) {
        return async_rpc(std::move(dest), std::move(body), options_.rpc_timeout,
                         std::forward<Token>(token));
    }

    // Callback style with the default deadline.
    template <class F>
    void rpc(std::string dest, json::object body, F&& callback) {
        async_rpc(std::move(dest), std::move(body), std::forward<F>(callback));
    }
    // Blocks the calling thread until the reply; throws rpc_error. Call it
    // from handlers, timer functions or other threads, never from a coroutine.
    Message sync_rpc(std::string dest, json::object body,
                     std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    // Waits for a future the way sync_rpc waits for its reply: a handler running on the thread
    // that reads input first hands reading to another thread, so the node goes on reading (and
    // receives what the handler waits for) without waiting for the stall check. The KV and TSO
    // clients' blocking calls wait this way.
    template <class T>
    T block_on(std::future<T> result) {
        prepare_to_block();
        return result.get();
    }
    // Call before a handler blocks in any other way (a condition variable, a lock held for
    // long, a sleep) for the same effect; elsewhere it does nothing.
    void prepare_to_block();
    // Coroutine style; throws rpc_error.
    asio::awaitable<Message> co_rpc(
        std::string dest, json::object body,
        std::optional<std::chrono::milliseconds> timeout = std::nullopt);

    // At-least-once RPC: retried with backoff on retryable errors.
    asio::awaitable<Message> co_rpc_retry(std::string dest, json::object body,
                                          RetryPolicy policy = {});
    Message sync_rpc_retry(std::string dest, json::object body, RetryPolicy policy = {});
    template <class Token>
    auto async_rpc_retry(std::string dest, json::object body, RetryPolicy policy, Token&& token) {
        return asio::co_spawn(executor_,
                              co_rpc_retry(std::move(dest), std::move(body), std::move(policy)),
                              std::forward<Token>(token));
    }

    // Runs fn on the handler pool every interval (measured from the end of the
    // previous run, so runs never overlap) / once after delay. All timers are
    // cancelled when the node shuts down.
    TimerHandle every(std::chrono::milliseconds interval, std::function<void()> fn);
    TimerHandle after(std::chrono::milliseconds delay, std::function<void()> fn);

    // The handler pool's executor; co_spawn your own coroutines here.
    executor_type executor() const noexcept { return executor_; }
    std::chrono::milliseconds default_rpc_timeout() const noexcept { return options_.rpc_timeout; }
    // RPCs sent and neither answered, timed out nor cancelled.
    std::size_t pending_rpc_count() const;
    // Threads of the handler pool besides the one the input needs (core_threads when idle).
    std::size_t handler_thread_count() const;
    // Timers started with every() or after() that can still run: a one-shot timer leaves the
    // count once it has run, any timer once it is cancelled and its deadline has passed.
    std::size_t timer_count() const;

  private:
    void start_rpc(std::string dest, json::object body, std::chrono::milliseconds timeout,
                   rpc_handler handler);

    struct Impl;
    NodeOptions options_;
    std::unique_ptr<Impl> impl_;
    executor_type executor_;
};

}  // namespace maelstrom
