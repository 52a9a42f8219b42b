// The table of pending RPCs: sending a request, matching its reply, its
// deadline, failing what is left at shutdown.
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include "describe_exception.hpp"
#include "maelstrom/log.hpp"
#include "node_impl.hpp"

namespace maelstrom {
namespace {

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

void Node::Impl::start_rpc(std::string dest, json::object body, std::chrono::milliseconds timeout,
                           rpc_handler completion) {
    if (rpcs_closed.load()) {
        // Posted, never run inside rpc(): a caller holding a lock that its callback takes would
        // otherwise deadlock on itself.
        asio::post(pool.executor(), [this, c = std::move(completion)]() mutable {
            complete(std::move(c),
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
                fail_pending(msg_id, "no reply within " + std::to_string(timeout.count()) + " ms");
            }
        });
        pending.emplace(msg_id, Pending{std::move(completion), std::move(deadline), dest});
    }
    // Never deferred: the caller may block until the reply arrives.
    emit(dest, std::move(body), false);
}

std::optional<Node::Impl::Pending> Node::Impl::take_pending(std::int64_t msg_id) {
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

bool Node::Impl::complete_pending(std::int64_t msg_id, Message& reply) {
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

void Node::Impl::fail_pending(std::int64_t msg_id, const std::string& why) {
    auto entry = take_pending(msg_id);
    if (!entry) {
        return;
    }
    log(log_level::debug, "RPC ", msg_id, " to ", entry->dest, " failed: ", why);
    complete(std::move(entry->completion),
             std::make_exception_ptr(rpc_error(error_code::timeout, why)), Message{});
}

void Node::Impl::fail_all_pending(const std::string& why) {
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

// Runs the completion on its executor: the handler pool for callbacks and coroutines (at once
// when this thread is a pool thread, as the thread holding the input turn is), inline for
// futures, so a thread blocked in sync_rpc wakes even when every pool thread is busy.
void Node::Impl::complete(rpc_handler completion, std::exception_ptr error, Message reply) {
    auto executor = asio::get_associated_executor(completion, pool.executor());
    // The error travels with the completion, so this thread keeps no reference to it.
    asio::dispatch(executor, [c = std::move(completion), e = std::move(error),
                              r = std::move(reply)]() mutable {
        // Caught here: run at once on the input thread, an escaping exception would be kept by
        // Asio until that thread stops reading.
        try {
            std::move(c)(std::move(e), std::move(r));
        } catch (...) {
            log(log_level::error,
                "RPC callback threw: ", detail::describe_exception(std::current_exception()));
        }
    });
}

}  // namespace maelstrom
