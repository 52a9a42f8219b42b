// The service thread: starting the node, the periodic watch (pool starvation,
// a blocked input thread, deferred output), stats lines and shutdown.
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include "maelstrom/log.hpp"
#include "node_impl.hpp"

namespace maelstrom {

using namespace std::chrono_literals;

// The pool holds one thread more than the options ask for: the one holding the input turn,
// which runs requests itself, so that core_threads stay free for callbacks, timer functions
// and coroutines.
Node::Impl::Impl(const NodeOptions& node_options)
    : options(node_options),
      pool(node_options.core_threads + 1,
           std::max(node_options.max_threads, node_options.core_threads) + 1),
      writer(node_options.output_fd, node_options.large_block_threshold),
      parser(
          node_options.max_json_depth,
          [this](Message&& message, std::size_t line) { on_parsed(std::move(message), line); },
          [this](detail::MalformedEnvelope&& malformed, std::size_t line) {
              reject_malformed(std::move(malformed), line);
          },
          [](const std::string& reason, std::size_t line) {
              log(log_level::warn, "input line ", line, " ignored: ", reason);
          }),
      watchdog(io) {}

void Node::Impl::run() {
    if (ran) {
        throw std::logic_error("Node::run() may only be called once");
    }
    ran = true;
    // A closed output must surface as a write error, not kill the process.
    std::signal(SIGPIPE, SIG_IGN);
    input_fd = ::dup(options.input_fd);
    if (input_fd < 0) {
        log(log_level::error, "cannot read input: ", std::strerror(errno));
        return;
    }
    pool.start();
    pool.submit([this] { serve_input(); });
    watch();
    start_stats_reporting();
    io.run();
    pool.stop();
    writer.flush();
}

void Node::Impl::start_stats_reporting() {
    const auto setting = detail::parse_stats_interval(std::getenv(detail::kStatsIntervalVariable));
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

json::object Node::Impl::stats_snapshot() {
    std::size_t pending_count = 0;
    {
        std::lock_guard lock(pending_mutex);
        pending_count = pending.size();
    }
    std::size_t waiting_for_init = 0;
    {
        std::lock_guard lock(init_mutex);
        waiting_for_init = early.size();
    }
    std::size_t timers_armed = 0;
    for (const auto& state : timers) {
        timers_armed += state->cancelled.load() ? 0 : 1;
    }
    json::object out;
    out["node"] = id;
    out["pending_rpcs"] = pending_count;
    out["requests_in_flight"] =
        in_flight.load() + static_cast<std::int64_t>(input_state.load() & 1);
    out["inbox"] = waiting_for_init;
    out["input_handoffs"] = input_handoffs.load(std::memory_order_relaxed);
    out["handler_threads"] = handler_threads();
    out["handlers_queued"] = pool.queued_count();
    out["handlers_running"] = pool.running_count();
    out["timers_armed"] = timers_armed;
    out["timers_kept"] = timers.size();
    out["output_queued_bytes"] = writer.queued_bytes();
    return out;
}

void Node::Impl::watch() {
    watchdog.expires_after(options.starvation_interval);
    watchdog.async_wait([this](boost::system::error_code error) {
        if (error) {
            return;
        }
        watch_input();
        pool.check_starvation();
        // Bounds how long replies deferred by a thread whose next handler blocks can wait.
        if (writer.queued_bytes() > 0) {
            writer.flush();
        }
        if (shutdown_phase != 0 && shutdown_step()) {
            return;
        }
        watch();
    });
}

void Node::Impl::begin_shutdown() {
    if (shutdown_phase != 0) {
        return;
    }
    shutdown_phase = 1;
    shutdown_deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
    log(log_level::debug, "input closed; waiting for ", in_flight.load(), " handlers to finish");
}

// Returns true once the node may stop.
bool Node::Impl::shutdown_step() {
    const auto now = std::chrono::steady_clock::now();
    const bool idle = in_flight.load(std::memory_order_acquire) == 0 &&
                      (input_state.load(std::memory_order_acquire) & 1) == 0;
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

}  // namespace maelstrom
