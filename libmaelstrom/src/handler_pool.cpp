#include "handler_pool.hpp"

#include "maelstrom/log.hpp"

namespace maelstrom::detail {
namespace {

// Thrown inside a worker to make exactly that worker leave the pool.
struct Retire {};

// Extra threads retire after this many consecutive idle checks.
constexpr std::size_t kIdleChecksBeforeRetiring = 200;

}  // namespace

HandlerPool::HandlerPool(std::size_t core_threads, std::size_t max_threads)
    : work_(context_.get_executor()),
      core_threads_(core_threads == 0 ? 1 : core_threads),
      max_threads_(max_threads < core_threads_ ? core_threads_ : max_threads) {}

HandlerPool::~HandlerPool() {
    stop();
}

void HandlerPool::start() {
    while (threads_.load() < core_threads_) {
        add_thread();
    }
}

void HandlerPool::add_thread() {
    threads_.fetch_add(1);
    std::lock_guard lock(workers_mutex_);
    workers_.emplace_back([this] { worker(); });
}

void HandlerPool::worker() {
    for (;;) {
        try {
            context_.run();
            return;
        } catch (const Retire&) {
            return;
        } catch (...) {
            // A completion handler (an RPC callback) threw; the worker goes on.
            log_escaped(std::current_exception());
        }
    }
}

void HandlerPool::log_escaped(std::exception_ptr error) noexcept {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        log(log_level::error, "uncaught exception on a handler thread: ", e.what());
    } catch (...) {
        log(log_level::error, "uncaught non-standard exception on a handler thread");
    }
}

void HandlerPool::check_starvation() {
    const auto started = started_.load(std::memory_order_relaxed);
    const bool stuck = probe_pending_.load() && started == started_at_last_check_;
    started_at_last_check_ = started;
    const auto threads = threads_.load();
    if (stuck && threads < max_threads_) {
        log(log_level::debug, "every handler thread is busy; adding thread ", threads + 1);
        add_thread();
    }
    const auto busy = busy_.load(std::memory_order_relaxed);
    const bool surplus = threads > core_threads_ && static_cast<std::int64_t>(threads) - busy >
                                                        static_cast<std::int64_t>(core_threads_);
    idle_checks_ = surplus && queued_.load() == 0 ? idle_checks_ + 1 : 0;
    if (idle_checks_ >= kIdleChecksBeforeRetiring) {
        idle_checks_ = 0;
        threads_.fetch_sub(1);
        boost::asio::post(context_, [] { throw Retire{}; });
    }
    if (!probe_pending_.exchange(true)) {
        submit([this] { probe_pending_.store(false); });
    }
}

void HandlerPool::stop() {
    work_.reset();
    context_.stop();
    std::vector<std::thread> workers;
    {
        std::lock_guard lock(workers_mutex_);
        workers.swap(workers_);
    }
    for (auto& worker : workers) {
        if (worker.joinable()) {
            worker.join();
        }
    }
    threads_.store(0);
}

}  // namespace maelstrom::detail
