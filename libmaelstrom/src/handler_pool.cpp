#include "handler_pool.hpp"

#include <algorithm>

#include "describe_exception.hpp"
#include "maelstrom/log.hpp"
#include "thread_state.hpp"

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
    const long tid = current_thread_id();
    {
        std::lock_guard lock(workers_mutex_);
        worker_tids_.push_back(tid);
    }
    const auto leave = [&](bool retiring) {
        std::lock_guard lock(workers_mutex_);
        std::erase(worker_tids_, tid);
        if (retiring) {
            retired_.push_back(std::this_thread::get_id());
        }
    };
    for (;;) {
        try {
            context_.run();
            leave(false);
            return;
        } catch (const Retire&) {
            leave(true);
            return;
        } catch (...) {
            // A completion handler (an RPC callback) threw; the worker goes on.
            log_escaped(std::current_exception());
        }
    }
}

void HandlerPool::log_escaped(std::exception_ptr error) noexcept {
    try {
        log(log_level::error,
            "uncaught exception on a handler thread: ", describe_exception(error));
    } catch (...) {
        // Nothing is left to tell: logging itself failed.
    }
}

void HandlerPool::reap_retired() {
    std::vector<std::thread> finished;
    {
        std::lock_guard lock(workers_mutex_);
        for (const auto id : retired_) {
            const auto it = std::find_if(workers_.begin(), workers_.end(),
                                         [id](const std::thread& t) { return t.get_id() == id; });
            if (it != workers_.end()) {
                finished.push_back(std::move(*it));
                workers_.erase(it);
            }
        }
        retired_.clear();
    }
    for (auto& thread : finished) {
        thread.join();
    }
}

bool HandlerPool::any_worker_runnable() {
    std::vector<long> tids;
    {
        std::lock_guard lock(workers_mutex_);
        tids = worker_tids_;
    }
    return std::any_of(tids.begin(), tids.end(), thread_is_runnable);
}

void HandlerPool::check_starvation() {
    reap_retired();
    const auto started = started_.load(std::memory_order_relaxed);
    const bool stuck = probe_pending_.load() && started == started_at_last_check_;
    started_at_last_check_ = started;
    const auto threads = threads_.load();
    if (stuck && threads < max_threads_ && !any_worker_runnable()) {
        log(log_level::debug, "every handler thread is busy; adding thread ", threads + 1);
        add_thread();
    }
    const auto busy = busy_.load(std::memory_order_relaxed);
    const bool surplus = threads > core_threads_ && static_cast<std::int64_t>(threads) - busy >
                                                        static_cast<std::int64_t>(core_threads_);
    // Work that is queued while more than core_threads workers are idle is about to be picked
    // up, so it does not make the extra threads needed; a node that is never without queued
    // work would otherwise keep every thread it ever added.
    idle_checks_ = surplus ? idle_checks_ + 1 : 0;
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
    std::lock_guard lock(workers_mutex_);
    retired_.clear();
}

}  // namespace maelstrom::detail
