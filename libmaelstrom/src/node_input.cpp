// Reading input, and the input turn: the thread that reads a line runs what
// it asks for, and gives reading to another thread only when that blocks.
#include <poll.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstring>

#include "coarse_clock.hpp"
#include "maelstrom/log.hpp"
#include "node_impl.hpp"
#include "thread_state.hpp"

namespace maelstrom {

void Node::Impl::serve_input() {
    detail::InputTurn turn;
    turn.owner = this;
    turn.epoch = input_state.load(std::memory_order_acquire) >> 1;
    input_thread.store(detail::current_thread_id(), std::memory_order_relaxed);
    detail::current_turn = &turn;
    detail::batching_replies = true;
    for (;;) {
        use_buffered_input(turn);
        if (turn.lost) {
            break;
        }
        writer.flush();
        if (input_ended) {
            end_input();
            break;
        }
        const auto size = ::read(input_fd, read_buffer.data(), read_buffer.size());
        if (size > 0) {
            read_pos = 0;
            read_end = static_cast<std::size_t>(size);
            read_at = detail::coarse_steady_now();
            continue;
        }
        if (size < 0 && errno == EINTR) {
            continue;
        }
        if (size < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // An inherited non-blocking descriptor: wait here, as a blocking read would.
            pollfd ready{input_fd, POLLIN, 0};
            ::poll(&ready, 1, -1);
            continue;
        }
        if (size < 0) {
            log(log_level::error, "reading input failed: ", std::strerror(errno));
        }
        input_ended = true;
        parser.finish();
        serve_parsed();
        if (turn.lost) {
            break;
        }
    }
    detail::current_turn = nullptr;
    detail::batching_replies = false;
    // Replies deferred by this thread go out now, not at the service thread's next flush.
    writer.flush();
}

// Parses and serves the lines already read, one at a time, so that a request
// runs while its bytes are still in cache, and a thread that blocks in one
// leaves the rest to the next holder.
void Node::Impl::use_buffered_input(detail::InputTurn& turn) {
    while (read_pos < read_end) {
        read_pos += parser.consume_line(read_buffer.data() + read_pos, read_end - read_pos);
        if (!parsed) {
            continue;
        }
        serve_parsed();
        if (turn.lost) {
            return;
        }
    }
}

void Node::Impl::serve_parsed() {
    if (!parsed) {
        return;
    }
    // The parser keeps the message and its facts only until it parses the next line, which
    // another thread does as soon as a handler here blocks: both are taken out first.
    auto message = std::move(*parsed);
    parsed = nullptr;
    const auto facts = parser.facts();
    message.received = read_at;
    route(std::move(message), parsed_line, &facts);
}

void Node::Impl::end_input() {
    ::close(input_fd);
    input_fd = -1;
    asio::post(io, [this] { begin_shutdown(); });
}

void Node::Impl::give_up_input_before_blocking() {
    auto* turn = detail::current_turn;
    if (turn == nullptr || turn->owner != this || turn->lost || !turn->in_user_code) {
        return;
    }
    if (pass_input_on((turn->epoch << 1) | 1)) {
        turn->lost = true;
        detail::batching_replies = false;
        writer.flush();
    }
}

// A holder whose user code has not finished since the previous look, and whose
// thread is not running or waiting for a CPU, is blocked: the turn moves on.
void Node::Impl::watch_input() {
    const auto state = input_state.load(std::memory_order_acquire);
    if ((state & 1) != 0 && state == input_state_seen &&
        !detail::thread_is_runnable(input_thread.load(std::memory_order_relaxed))) {
        if (pass_input_on(state)) {
            log(log_level::debug,
                "a handler blocked on the input thread; reading moves to "
                "another thread");
        }
    }
    input_state_seen = state;
}

bool Node::Impl::pass_input_on(std::uint64_t busy_state) {
    auto expected = busy_state;
    const auto next = ((busy_state >> 1) + 1) << 1;
    if (!input_state.compare_exchange_strong(expected, next, std::memory_order_acq_rel)) {
        return false;
    }
    // The user code the holder is running now finishes off the turn: it counts as in flight
    // until then (run_user_code takes it off).
    in_flight.fetch_add(1, std::memory_order_relaxed);
    input_handoffs.fetch_add(1, std::memory_order_relaxed);
    pool.submit([this] { serve_input(); });
    return true;
}

}  // namespace maelstrom
