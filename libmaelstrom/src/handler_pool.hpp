#pragma once
// The elastic thread pool that runs handlers, RPC callbacks, timer functions
// and coroutines. A fixed pool deadlocks when every worker blocks in an RPC
// whose reply needs a worker to be processed; this one grows: check_starvation()
// (called periodically from the service thread) adds a thread when queued work has
// made no progress since the previous check, up to a cap, and extra threads
// retire after staying idle.
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace maelstrom::detail {

class HandlerPool {
  public:
    HandlerPool(std::size_t core_threads, std::size_t max_threads);
    ~HandlerPool();

    boost::asio::io_context::executor_type executor() noexcept { return context_.get_executor(); }

    void start();
    // Runs fn on a worker. Exceptions escaping fn are logged.
    template <class F>
    void submit(F&& fn) {
        queued_.fetch_add(1, std::memory_order_relaxed);
        boost::asio::post(context_, [this, f = std::forward<F>(fn)]() mutable {
            queued_.fetch_sub(1, std::memory_order_relaxed);
            started_.fetch_add(1, std::memory_order_relaxed);
            busy_.fetch_add(1, std::memory_order_relaxed);
            run_guarded(f);
            busy_.fetch_sub(1, std::memory_order_relaxed);
        });
    }
    void check_starvation();
    // Stops the workers after their current item and joins them.
    void stop();

    std::size_t thread_count() const noexcept { return threads_.load(); }
    // Thread objects not yet joined, retired workers included until the next check.
    std::size_t held_threads() {
        std::lock_guard lock(workers_mutex_);
        return workers_.size();
    }
    // Tasks submitted and not yet started / running now. Relaxed reads: the
    // figures are for monitoring, not for decisions.
    std::int64_t queued_count() const noexcept { return queued_.load(std::memory_order_relaxed); }
    std::int64_t running_count() const noexcept { return busy_.load(std::memory_order_relaxed); }

  private:
    template <class F>
    static void run_guarded(F& fn) noexcept {
        try {
            fn();
        } catch (...) {
            log_escaped(std::current_exception());
        }
    }
    static void log_escaped(std::exception_ptr error) noexcept;
    void add_thread();
    void worker();
    // Joins the threads that retired since the last call, which frees their stacks.
    void reap_retired();
    // True when a worker is running or waiting for a CPU, so the pool is not starved, only
    // descheduled: on a machine shared by many nodes a worker can wait longer than the
    // starvation interval without being blocked.
    bool any_worker_runnable();

    boost::asio::io_context context_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::size_t core_threads_;
    std::size_t max_threads_;
    std::atomic<std::size_t> threads_{0};
    std::atomic<std::int64_t> queued_{0};
    std::atomic<std::uint64_t> started_{0};
    std::atomic<std::int64_t> busy_{0};
    // Only touched by check_starvation (one thread).
    std::uint64_t started_at_last_check_ = 0;
    std::atomic<bool> probe_pending_{false};
    std::size_t idle_checks_ = 0;
    std::mutex workers_mutex_;
    std::vector<std::thread> workers_;
    // Kernel thread ids of the running workers, and the workers that have retired.
    std::vector<long> worker_tids_;
    std::vector<std::thread::id> retired_;
};

}  // namespace maelstrom::detail
