#include "maelstrom/node.hpp"

#include <unistd.h>

#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <unordered_map>
#include <variant>

#include "envelope.hpp"
#include "handler_pool.hpp"
#include "large_blocks.hpp"
#include "line_parser.hpp"
#include "maelstrom/log.hpp"
#include "output_writer.hpp"
#include "stats_reporter.hpp"

namespace maelstrom {

using namespace std::chrono_literals;

struct detail::TimerState {
    std::function<void()> fn;
    std::chrono::milliseconds interval{};
    bool repeat = false;
    std::atomic<bool> cancelled{false};
    // Created, armed and destroyed on the I/O thread only.
    std::unique_ptr<asio::steady_timer> timer;
};

void TimerHandle::cancel() {
    if (state_) {
        state_->cancelled.store(true);
    }
}

bool TimerHandle::active() const noexcept {
    return state_ && !state_->cancelled.load();
}

namespace {

// Set while a thread works through a batch of requests: its replies are
// flushed together when the batch ends (or every kFlushEvery requests).
thread_local bool batching_requests = false;
constexpr std::size_t kFlushEvery = 256;

std::string describe_exception(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "non-standard exception";
    }
}

// The rpc_error an error reply stands for.
rpc_error error_from_reply(const Message& reply) {
    auto code = error_code::crash;
    if (const auto* value = reply.body.if_contains("code"); value != nullptr) {
        if (value->is_int64()) {
            code = static_cast<error_code>(value->get_int64());
        } else if (value->is_uint64()) {
            code = static_cast<error_code>(static_cast<std::int64_t>(value->get_uint64()));
        }
    }
    std::string text;
    if (const auto* value = reply.body.if_contains("text");
        value != nullptr && value->is_string()) {
        text = value->get_string();
    }
    return rpc_error(code, std::move(text));
}

}  // namespace

struct Node::Impl {
    using handler = std::variant<handler_fn, coroutine_handler_fn>;

    struct Pending {
        rpc_handler completion;
        std::unique_ptr<asio::steady_timer> deadline;
        std::string dest;
    };

    enum class InitState { waiting, running, done };

    struct Request {
        const handler_fn* handler;
        Message message;
    };

    explicit Impl(const NodeOptions& node_options)
        : options(node_options),
          pool(node_options.core_threads, node_options.max_threads),
          input(io),
          writer(node_options.output_fd, node_options.large_block_threshold),
          parser(
              node_options.max_json_depth,
              [this](Message&& message, std::size_t line) { on_message(std::move(message), line); },
              [this](detail::MalformedEnvelope&& malformed, std::size_t line) {
                  reject_malformed(std::move(malformed), line);
              },
              [](const std::string& reason, std::size_t line) {
                  log(log_level::warn, "input line ", line, " ignored: ", reason);
              }),
          watchdog(io) {}

    // ---- output ----
    // Every line carries this node's id as src, so nothing may leave before init names the node:
    // a send or RPC from another thread (or from a handler of a message queued before init) is
    // held until then and written, in order, as soon as the id is known.
    void emit(std::string_view dest, json::object&& body, bool may_defer = true,
              std::optional<std::int64_t> in_reply_to = std::nullopt) {
        if (!id_known.load(std::memory_order_acquire) &&
            hold_until_named(dest, body, in_reply_to)) {
            return;
        }
        write_line(id, dest, std::move(body), may_defer, in_reply_to);
    }

    void write_line(std::string_view src, std::string_view dest, json::object&& body,
                    bool may_defer, std::optional<std::int64_t> in_reply_to) {
        thread_local std::string line;
        line.clear();
        detail::append_line(line, src, dest, std::move(body), in_reply_to);
        if (log_enabled(log_level::debug)) {
            log(log_level::debug, "sent ", std::string_view(line.data(), line.size() - 1));
        }
        writer.write(line, may_defer && batching_requests);
        detail::shrink_if_larger_than(line, options.large_block_threshold);
    }

    struct HeldLine {
        std::string dest;
        json::object body;
        std::optional<std::int64_t> in_reply_to;
    };

    bool hold_until_named(std::string_view dest, json::object& body,
                          std::optional<std::int64_t> in_reply_to) {
        std::lock_guard lock(held_mutex);
        if (id_known.load(std::memory_order_relaxed)) {
            return false;
        }
        log(log_level::debug, "holding a message to ", dest, " until init names this node");
        held.push_back(HeldLine{std::string(dest), std::move(body), in_reply_to});
        return true;
    }

    // I/O thread, once init has set id. The held lines go out before id_known is published,
    // so a thread that sent one of them and then sends again cannot overtake it.
    void name_node() {
        std::lock_guard lock(held_mutex);
        for (auto& line : held) {
            write_line(id, line.dest, std::move(line.body), false, line.in_reply_to);
        }
        held.clear();
        id_known.store(true, std::memory_order_release);
    }

    // A reply before init names the node comes from the id the request was addressed to.
    void emit_reply(const Message& request, json::object&& body, std::int64_t msg_id) {
        if (id_known.load(std::memory_order_acquire)) {
            write_line(id, request.src, std::move(body), true, msg_id);
        } else if (!request.dest.empty()) {
            write_line(request.dest, request.src, std::move(body), true, msg_id);
        } else {
            log(log_level::warn, "reply to ", request.type(), " ", msg_id, " from ", request.src,
                " dropped: the node has no id yet and the request named none");
        }
    }

    void reply_to(const Message& request, json::object&& body) {
        const auto msg_id = request.msg_id();
        if (!msg_id) {
            log(log_level::warn, "cannot reply to a ", request.type(), " from ", request.src,
                " without msg_id; reply dropped");
            return;
        }
        if (too_late_for_client(request)) {
            log(log_level::warn, "reply to ", request.type(), " ", *msg_id, " from ", request.src,
                " dropped: it comes ",
                std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - request.received)
                    .count(),
                " ms after the request, when the client has given up, and Maelstrom would stop "
                "reading this node's output");
            return;
        }
        emit_reply(request, std::move(body), *msg_id);
    }

    bool too_late_for_client(const Message& request) const {
        return request.from_client() && options.client_reply_deadline.count() > 0 &&
               request.received != std::chrono::steady_clock::time_point{} &&
               std::chrono::steady_clock::now() - request.received >= options.client_reply_deadline;
    }

    void reply_error(const Message& request, error_code code, std::string_view text) {
        if (!request.msg_id()) {
            return;
        }
        json::object body;
        body["type"] = "error";
        body["code"] = static_cast<std::int64_t>(code);
        body["text"] = text;
        reply_to(request, std::move(body));
    }

    // Turns whatever a handler threw into the error reply the protocol expects.
    void report_failure(const Message& request, std::exception_ptr error) {
        try {
            std::rethrow_exception(error);
        } catch (const rpc_error& e) {
            reply_error(request, e.code(), e.text());
        } catch (const std::exception& e) {
            log(log_level::warn, "handler for ", request.type(), " threw: ", e.what());
            reply_error(request, error_code::crash, e.what());
        } catch (...) {
            log(log_level::warn, "handler for ", request.type(), " threw a non-standard exception");
            reply_error(request, error_code::crash, "non-standard exception");
        }
    }

    // ---- input (I/O thread) ----
    void start_reading() {
        input.async_read_some(
            asio::buffer(read_buffer), [this](boost::system::error_code error, std::size_t size) {
                if (size > 0) {
                    parser.consume(read_buffer.data(), size);
                    hand_over_arrivals();
                }
                if (error) {
                    if (error != asio::error::eof) {
                        log(log_level::error, "reading input failed: ", error.message());
                    }
                    parser.finish();
                    hand_over_arrivals();
                    begin_shutdown();
                    return;
                }
                start_reading();
            });
    }

    void on_message(Message&& message, std::size_t line) {
        message.received = std::chrono::steady_clock::now();
        if (log_enabled(log_level::debug)) {
            log(log_level::debug, "received from ", message.src, ": ",
                json::serialize(message.body));
        }
        route(std::move(message), line);
    }

    // Answers error 12 when the sender and msg_id can still be recovered.
    void reject_malformed(detail::MalformedEnvelope&& malformed, std::size_t line) {
        log(log_level::warn, "input line ", line, " ignored: ", malformed.reason);
        if (!malformed.src || !malformed.body) {
            return;
        }
        Message request{std::move(*malformed.src), malformed.dest.value_or(""),
                        std::move(*malformed.body)};
        reply_error(request, error_code::malformed_request, malformed.reason);
    }

    void route(Message&& message, std::size_t line) {
        if (const auto in_reply_to = message.in_reply_to()) {
            if (complete_pending(*in_reply_to, message)) {
                return;
            }
        }
        const auto type = message.type();
        if (type.empty()) {
            if (message.in_reply_to()) {
                log(log_level::debug, "dropping reply ", *message.in_reply_to(), " from ",
                    message.src, ": it matches no pending RPC");
                return;
            }
            log(log_level::warn, "input line ", line, " ignored: body has no string \"type\"");
            reply_error(message, error_code::malformed_request, "body has no string \"type\"");
            return;
        }
        if (type == "init") {
            handle_init(std::move(message));
            return;
        }
        const auto found = handlers.find(std::string(type));
        if (found == handlers.end() && message.in_reply_to()) {
            log(log_level::debug, "dropping ", type, " ", *message.in_reply_to(), " from ",
                message.src, ": it matches no pending RPC");
            return;
        }
        if (init_state != InitState::done) {
            if (init_state == InitState::waiting && message.from_client()) {
                reply_error(message, error_code::temporarily_unavailable,
                            "node is not initialised yet");
                return;
            }
            early.push_back(std::move(message));
            return;
        }
        dispatch(std::move(message), found);
    }

    void dispatch(Message&& message) {
        const auto found = handlers.find(std::string(message.type()));
        dispatch(std::move(message), found);
    }

    // `found` is the handler for message.type() (or handlers.end()).
    void dispatch(Message&& message, std::unordered_map<std::string, handler>::iterator found) {
        if (found == handlers.end()) {
            log(log_level::warn, "no handler for message type ", message.type(), " from ",
                message.src);
            reply_error(message, error_code::not_supported,
                        "unsupported message type " + std::string(message.type()));
            return;
        }
        in_flight.fetch_add(1);
        if (const auto* blocking = std::get_if<handler_fn>(&found->second)) {
            arrivals.push_back(Request{blocking, std::move(message)});
            return;
        }
        const auto* coroutine = std::get_if<coroutine_handler_fn>(&found->second);
        asio::co_spawn(
            pool.executor(),
            [this, coroutine, m = std::move(message)]() -> asio::awaitable<void> {
                std::exception_ptr failure;
                try {
                    co_await (*coroutine)(m);
                } catch (...) {
                    failure = std::current_exception();
                }
                if (failure) {
                    report_failure(m, failure);
                }
                in_flight.fetch_sub(1);
            },
            asio::detached);
    }

    // Requests parsed from one read are queued together, so that one worker
    // wake-up serves many of them.
    void hand_over_arrivals() {
        if (arrivals.empty()) {
            return;
        }
        {
            std::lock_guard lock(inbox_mutex);
            for (auto& request : arrivals) {
                inbox.push_back(std::move(request));
            }
        }
        arrivals.clear();
        start_drainer();
    }

    // At most one drainer waits to start at any time; a running drainer
    // starts another when work remains, so idle threads join in and a drainer
    // blocked in a handler does not hold up the queue.
    void start_drainer() {
        if (!drainer_pending.exchange(true)) {
            pool.submit([this] { drain(); });
        }
    }

    void drain() {
        drainer_pending.store(false);
        batching_requests = true;
        for (std::size_t handled = 1;; ++handled) {
            std::optional<Request> next;
            bool more = false;
            {
                std::lock_guard lock(inbox_mutex);
                if (inbox.empty()) {
                    break;
                }
                next.emplace(std::move(inbox.front()));
                inbox.pop_front();
                more = !inbox.empty();
            }
            if (more) {
                start_drainer();
            }
            pool.note_progress();
            try {
                (*next->handler)(next->message);
            } catch (...) {
                report_failure(next->message, std::current_exception());
            }
            in_flight.fetch_sub(1);
            if (!more || handled % kFlushEvery == 0) {
                writer.flush();
            }
        }
        batching_requests = false;
        writer.flush();
    }

    void handle_init(Message&& message) {
        if (init_state != InitState::waiting) {
            log(log_level::warn, "second init from ", message.src, " ignored");
            reply_error(message, error_code::abort, "node is already initialised as " + id);
            return;
        }
        const auto* node_id = message.body.if_contains("node_id");
        const auto* ids = message.body.if_contains("node_ids");
        std::vector<std::string> members;
        bool valid =
            node_id != nullptr && node_id->is_string() && ids != nullptr && ids->is_array();
        if (valid) {
            for (const auto& member : ids->get_array()) {
                if (!member.is_string()) {
                    valid = false;
                    break;
                }
                members.emplace_back(member.get_string());
            }
        }
        if (!valid) {
            log(log_level::warn, "init without string node_id and string array node_ids ignored");
            reply_error(message, error_code::malformed_request,
                        "init needs a string node_id and an array of string node_ids");
            return;
        }
        if (id_known.load() && id != node_id->get_string()) {
            // Threads may be reading id: a node is named once.
            reply_error(message, error_code::abort,
                        "node was already named " + id + " by an init that failed");
            return;
        }
        if (!id_known.load()) {
            id = node_id->get_string();
            name_node();
        }
        node_ids = std::move(members);
        init_state = InitState::running;
        in_flight.fetch_add(1);
        pool.submit([this, m = std::move(message)]() {
            bool ok = true;
            try {
                if (init_hook) {
                    init_hook();
                }
                json::object body;
                body["type"] = "init_ok";
                reply_to(m, std::move(body));
            } catch (...) {
                ok = false;
                report_failure(m, std::current_exception());
            }
            asio::post(io, [this, ok] { finish_init(ok); });
            in_flight.fetch_sub(1);
        });
    }

    void finish_init(bool ok) {
        if (!ok) {
            init_state = InitState::waiting;
            return;
        }
        init_state = InitState::done;
        log(log_level::info, "initialised as ", id, " of ", node_ids.size(), " nodes");
        // arm() drops cancelled timers from the list, hence the copy.
        for (const auto& state : std::vector(timers)) {
            arm(state);
        }
        auto queued = std::move(early);
        early.clear();
        for (auto& message : queued) {
            dispatch(std::move(message));
        }
        hand_over_arrivals();
    }

    // ---- RPC ----
    void start_rpc(std::string dest, json::object body, std::chrono::milliseconds timeout,
                   rpc_handler completion) {
        if (rpcs_closed.load()) {
            // Posted, never run inside rpc(): a caller holding a lock that its callback takes
            // would otherwise deadlock on itself.
            asio::post(pool.executor(), [this, c = std::move(completion)]() mutable {
                complete(
                    std::move(c),
                    std::make_exception_ptr(rpc_error(error_code::abort, "node is shutting down")),
                    Message{});
            });
            return;
        }
        const auto msg_id = next_msg_id.fetch_add(1);
        body["msg_id"] = msg_id;
        auto slot = asio::get_associated_cancellation_slot(completion);
        if (slot.is_connected()) {
            slot.assign([this, msg_id](asio::cancellation_type) {
                asio::post(io, [this, msg_id] { fail_pending(msg_id, "cancelled"); });
            });
        }
        {
            std::lock_guard lock(pending_mutex);
            auto deadline = std::make_unique<asio::steady_timer>(io, timeout);
            deadline->async_wait([this, msg_id, timeout](boost::system::error_code error) {
                if (!error) {
                    fail_pending(msg_id,
                                 "no reply within " + std::to_string(timeout.count()) + " ms");
                }
            });
            pending.emplace(msg_id, Pending{std::move(completion), std::move(deadline), dest});
        }
        // Never deferred: the caller may block until the reply arrives.
        emit(dest, std::move(body), false);
    }

    std::optional<Pending> take_pending(std::int64_t msg_id) {
        std::lock_guard lock(pending_mutex);
        const auto found = pending.find(msg_id);
        if (found == pending.end()) {
            return std::nullopt;
        }
        Pending entry = std::move(found->second);
        pending.erase(found);
        entry.deadline->cancel();
        return entry;
    }

    bool complete_pending(std::int64_t msg_id, Message& reply) {
        auto entry = take_pending(msg_id);
        if (!entry) {
            return false;
        }
        std::exception_ptr error;
        if (reply.type() == "error") {
            error = std::make_exception_ptr(error_from_reply(reply));
        }
        complete(std::move(entry->completion), std::move(error), std::move(reply));
        return true;
    }

    void fail_pending(std::int64_t msg_id, const std::string& why) {
        auto entry = take_pending(msg_id);
        if (!entry) {
            return;
        }
        log(log_level::debug, "RPC ", msg_id, " to ", entry->dest, " failed: ", why);
        complete(std::move(entry->completion),
                 std::make_exception_ptr(rpc_error(error_code::timeout, why)), Message{});
    }

    void fail_all_pending(const std::string& why) {
        std::vector<std::int64_t> ids;
        {
            std::lock_guard lock(pending_mutex);
            for (const auto& [msg_id, entry] : pending) {
                ids.push_back(msg_id);
            }
        }
        for (const auto msg_id : ids) {
            fail_pending(msg_id, why);
        }
    }

    // Runs the completion on its executor: the handler pool for callbacks and
    // coroutines, inline for futures (so a thread blocked in sync_rpc wakes
    // even when every pool thread is busy).
    void complete(rpc_handler completion, std::exception_ptr error, Message reply) {
        auto executor = asio::get_associated_executor(completion, pool.executor());
        // The error travels with the completion, so this thread keeps no
        // reference to it.
        asio::dispatch(executor, [c = std::move(completion), e = std::move(error),
                                  r = std::move(reply)]() mutable {
            std::move(c)(std::move(e), std::move(r));
        });
    }

    // ---- timers ----
    TimerHandle start_timer(std::chrono::milliseconds interval, std::function<void()> fn,
                            bool repeat) {
        auto state = std::make_shared<detail::TimerState>();
        state->fn = std::move(fn);
        state->interval = interval;
        state->repeat = repeat;
        asio::post(io, [this, state] {
            if (timers_closed) {
                state->cancelled.store(true);
                return;
            }
            state->timer = std::make_unique<asio::steady_timer>(io);
            timers.push_back(state);
            timer_count.store(timers.size());
            // A timer function sends as this node and may read its id and peers, so the first
            // run waits for init to finish; finish_init arms the timers started before it.
            if (init_state == InitState::done) {
                arm(state);
            }
        });
        return TimerHandle(state);
    }

    void arm(const std::shared_ptr<detail::TimerState>& state) {
        if (state->cancelled.load() || !state->timer) {
            forget(state);
            return;
        }
        state->timer->expires_after(state->interval);
        state->timer->async_wait([this, state](boost::system::error_code error) {
            if (error || state->cancelled.load()) {
                forget(state);
                return;
            }
            pool.submit([this, state] {
                if (!state->cancelled.load()) {
                    try {
                        state->fn();
                    } catch (...) {
                        log(log_level::error,
                            "timer function threw: ", describe_exception(std::current_exception()));
                    }
                }
                if (state->repeat) {
                    asio::post(io, [this, state] { arm(state); });
                } else {
                    state->cancelled.store(true);
                    asio::post(io, [this, state] { forget(state); });
                }
            });
        });
    }

    // A timer that has fired for the last time or was cancelled leaves the list at once: a
    // node calling after() for every message would otherwise keep them all until exit.
    void forget(const std::shared_ptr<detail::TimerState>& state) {
        state->timer.reset();
        std::erase(timers, state);
        timer_count.store(timers.size());
    }

    void close_timers() {
        timers_closed = true;
        for (auto& state : timers) {
            state->cancelled.store(true);
            state->timer.reset();
        }
        timers.clear();
        timer_count.store(0);
    }

    // ---- stats (I/O thread) ----
    void start_stats_reporting() {
        const auto setting =
            detail::parse_stats_interval(std::getenv(detail::kStatsIntervalVariable));
        if (!setting.error.empty()) {
            log(log_level::warn, setting.error);
        }
        if (!setting.interval) {
            return;
        }
        stats.emplace(
            io, *setting.interval, [this] { return stats_snapshot(); },
            [](std::string_view line) { detail::write_fully(STDERR_FILENO, line); });
        stats->start();
    }

    json::object stats_snapshot() {
        std::size_t pending_count = 0;
        {
            std::lock_guard lock(pending_mutex);
            pending_count = pending.size();
        }
        std::size_t inbox_count = 0;
        {
            std::lock_guard lock(inbox_mutex);
            inbox_count = inbox.size();
        }
        std::size_t timers_armed = 0;
        for (const auto& state : timers) {
            timers_armed += state->cancelled.load() ? 0 : 1;
        }
        json::object out;
        out["node"] = id;
        out["pending_rpcs"] = pending_count;
        out["requests_in_flight"] = in_flight.load();
        out["inbox"] = inbox_count;
        out["handler_threads"] = pool.thread_count();
        out["handlers_queued"] = pool.queued_count();
        out["handlers_running"] = pool.running_count();
        out["timers_armed"] = timers_armed;
        out["timers_kept"] = timers.size();
        out["output_queued_bytes"] = writer.queued_bytes();
        return out;
    }

    // ---- lifecycle (I/O thread) ----
    void watch_pool() {
        watchdog.expires_after(options.starvation_interval);
        watchdog.async_wait([this](boost::system::error_code error) {
            if (error) {
                return;
            }
            pool.check_starvation();
            // Bounds how long replies deferred by a batch whose next handler
            // blocks can wait.
            if (writer.queued_bytes() > 0) {
                writer.flush();
            }
            if (shutdown_phase != 0 && shutdown_step()) {
                return;
            }
            watch_pool();
        });
    }

    void begin_shutdown() {
        if (shutdown_phase != 0) {
            return;
        }
        boost::system::error_code ignored;
        input.close(ignored);
        shutdown_phase = 1;
        shutdown_deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
        log(log_level::debug, "input closed; waiting for ", in_flight.load(),
            " handlers to finish");
    }

    // Returns true once the node may stop.
    bool shutdown_step() {
        const auto now = std::chrono::steady_clock::now();
        const bool idle = in_flight.load() == 0;
        if (shutdown_phase == 1 && (idle || now >= shutdown_deadline)) {
            if (!idle) {
                log(log_level::warn, in_flight.load(),
                    " handlers still running after the shutdown grace period");
            }
            shutdown_phase = 2;
            rpcs_closed.store(true);
            close_timers();
            fail_all_pending("node is shutting down");
            // Handlers woken by the failed RPCs get a short moment to reply.
            shutdown_deadline =
                now + std::min<std::chrono::milliseconds>(options.shutdown_grace, 200ms);
            return false;
        }
        if (shutdown_phase == 2 && (idle || now >= shutdown_deadline)) {
            if (stats) {
                stats->stop();
            }
            io.stop();
            return true;
        }
        return false;
    }

    NodeOptions options;
    asio::io_context io{1};
    detail::HandlerPool pool;
    asio::posix::stream_descriptor input;
    detail::OutputWriter writer;
    detail::LineParser parser;
    asio::steady_timer watchdog;
    std::optional<detail::StatsReporter> stats;
    std::array<char, 64 * 1024> read_buffer{};

    std::unordered_map<std::string, handler> handlers;
    std::function<void()> init_hook;
    std::string id;
    std::vector<std::string> node_ids;
    InitState init_state = InitState::waiting;
    std::vector<Message> early;
    std::vector<Request> arrivals;  // I/O thread only
    std::mutex inbox_mutex;
    std::deque<Request> inbox;
    std::atomic<bool> drainer_pending{false};

    // Set (with id) on the I/O thread when init arrives; read by every thread that writes.
    std::atomic<bool> id_known{false};
    std::mutex held_mutex;
    std::vector<HeldLine> held;

    std::atomic<std::int64_t> next_msg_id{1};
    std::mutex pending_mutex;
    std::unordered_map<std::int64_t, Pending> pending;
    std::atomic<bool> rpcs_closed{false};

    std::vector<std::shared_ptr<detail::TimerState>> timers;
    // timers.size(), readable from any thread.
    std::atomic<std::size_t> timer_count{0};
    bool timers_closed = false;

    std::atomic<std::int64_t> in_flight{0};
    int shutdown_phase = 0;
    std::chrono::steady_clock::time_point shutdown_deadline;
    bool ran = false;
};

Node::Node(NodeOptions options)
    : options_(options),
      impl_(std::make_unique<Impl>(options_)),
      executor_(impl_->pool.executor()) {
    detail::return_large_blocks_to_os(options_.large_block_threshold);
}

Node::~Node() {
    impl_->pool.stop();
    impl_->writer.flush();
}

void Node::handle_blocking(std::string type, handler_fn handler) {
    impl_->handlers.insert_or_assign(std::move(type), std::move(handler));
}

void Node::handle_coroutine(std::string type, coroutine_handler_fn handler) {
    impl_->handlers.insert_or_assign(std::move(type), std::move(handler));
}

void Node::on_init(std::function<void()> hook) {
    impl_->init_hook = std::move(hook);
}

void Node::run() {
    auto& impl = *impl_;
    if (impl.ran) {
        throw std::logic_error("Node::run() may only be called once");
    }
    impl.ran = true;
    // A closed output must surface as a write error, not kill the process.
    std::signal(SIGPIPE, SIG_IGN);
    boost::system::error_code error;
    impl.input.assign(::dup(options_.input_fd), error);
    if (error) {
        log(log_level::error, "cannot read input: ", error.message());
        return;
    }
    impl.pool.start();
    impl.start_reading();
    impl.watch_pool();
    impl.start_stats_reporting();
    impl.io.run();
    impl.pool.stop();
    impl.writer.flush();
}

const std::string& Node::id() const noexcept {
    return impl_->id;
}

const std::vector<std::string>& Node::node_ids() const noexcept {
    return impl_->node_ids;
}

std::vector<std::string> Node::peer_ids() const {
    std::vector<std::string> peers;
    for (const auto& member : impl_->node_ids) {
        if (member != impl_->id) {
            peers.push_back(member);
        }
    }
    return peers;
}

void Node::send(std::string dest, json::object body) {
    impl_->emit(dest, std::move(body));
}

void Node::reply(const Message& request, json::object body) {
    impl_->reply_to(request, std::move(body));
}

void Node::reply_error(const Message& request, error_code code, std::string text) {
    impl_->reply_error(request, code, text);
}

std::int64_t Node::next_msg_id() noexcept {
    return impl_->next_msg_id.fetch_add(1);
}

Message Node::sync_rpc(std::string dest, json::object body,
                       std::optional<std::chrono::milliseconds> timeout) {
    return async_rpc(std::move(dest), std::move(body), timeout.value_or(options_.rpc_timeout),
                     asio::use_future)
        .get();
}

asio::awaitable<Message> Node::co_rpc(std::string dest, json::object body,
                                      std::optional<std::chrono::milliseconds> timeout) {
    co_return co_await async_rpc(std::move(dest), std::move(body),
                                 timeout.value_or(options_.rpc_timeout), asio::use_awaitable);
}

asio::awaitable<Message> Node::co_rpc_retry(std::string dest, json::object body,
                                            RetryPolicy policy) {
    const auto timeout =
        policy.attempt_timeout.count() > 0 ? policy.attempt_timeout : options_.rpc_timeout;
    co_return co_await co_retry([&]() { return co_rpc(dest, body, timeout); }, policy);
}

Message Node::sync_rpc_retry(std::string dest, json::object body, RetryPolicy policy) {
    const auto timeout =
        policy.attempt_timeout.count() > 0 ? policy.attempt_timeout : options_.rpc_timeout;
    return retry([&]() { return sync_rpc(dest, body, timeout); }, policy);
}

TimerHandle Node::every(std::chrono::milliseconds interval, std::function<void()> fn) {
    return impl_->start_timer(interval, std::move(fn), true);
}

TimerHandle Node::after(std::chrono::milliseconds delay, std::function<void()> fn) {
    return impl_->start_timer(delay, std::move(fn), false);
}

std::size_t Node::pending_rpc_count() const {
    std::lock_guard lock(impl_->pending_mutex);
    return impl_->pending.size();
}

std::size_t Node::handler_thread_count() const {
    return impl_->pool.thread_count();
}

std::size_t Node::timer_count() const {
    return impl_->timer_count.load();
}

void Node::start_rpc(std::string dest, json::object body, std::chrono::milliseconds timeout,
                     rpc_handler handler) {
    impl_->start_rpc(std::move(dest), std::move(body), timeout, std::move(handler));
}

}  // namespace maelstrom
