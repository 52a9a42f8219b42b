// Timers: armed on the service thread, their functions run on the handler pool.
#include <boost/asio/post.hpp>

#include "describe_exception.hpp"
#include "maelstrom/log.hpp"
#include "node_impl.hpp"

namespace maelstrom {

void TimerHandle::cancel() {
    if (state_) {
        state_->cancelled.store(true);
    }
}

bool TimerHandle::active() const noexcept {
    return state_ && !state_->cancelled.load();
}

TimerHandle Node::Impl::start_timer(std::chrono::milliseconds interval, std::function<void()> fn,
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
        // A timer function sends as this node and may read its id and peers, so the first run
        // waits for init to finish; arm_timers_after_init arms the timers started before it.
        if (timers_may_run) {
            arm(state);
        }
    });
    return TimerHandle(state);
}

void Node::Impl::arm_timers_after_init() {
    timers_may_run = true;
    // arm() drops cancelled timers from the list, hence the copy.
    for (const auto& state : std::vector(timers)) {
        arm(state);
    }
}

void Node::Impl::arm(const std::shared_ptr<detail::TimerState>& state) {
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
                    log(log_level::error, "timer function threw: ",
                        detail::describe_exception(std::current_exception()));
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

// A timer that has fired for the last time or was cancelled leaves the list at once: a node
// calling after() for every message would otherwise keep them all until exit.
void Node::Impl::forget(const std::shared_ptr<detail::TimerState>& state) {
    state->timer.reset();
    std::erase(timers, state);
    timer_count.store(timers.size());
}

void Node::Impl::close_timers() {
    timers_closed = true;
    for (auto& state : timers) {
        state->cancelled.store(true);
        state->timer.reset();
    }
    timers.clear();
    timer_count.store(0);
}

}  // namespace maelstrom
