// What a parsed line becomes: a reply for a pending RPC, init, a request for
// a handler, or an error reply. Runs on the thread holding the input turn.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>

#include "maelstrom/log.hpp"
#include "node_impl.hpp"

namespace maelstrom {

void Node::Impl::on_parsed(Message&& message, std::size_t line) {
    parsed = &message;
    parsed_line = line;
}

// Answers error 12 when the sender and msg_id can still be recovered.
void Node::Impl::reject_malformed(detail::MalformedEnvelope&& malformed, std::size_t line) {
    log(log_level::warn, "input line ", line, " ignored: ", malformed.reason);
    if (!malformed.src || !malformed.body) {
        return;
    }
    Message request{std::move(*malformed.src), malformed.dest.value_or(""),
                    std::move(*malformed.body)};
    reply_error(request, error_code::malformed_request, malformed.reason);
}

void Node::Impl::route(Message&& message, std::size_t line, const detail::BodyFacts* facts) {
    if (log_enabled(log_level::debug)) {
        log(log_level::debug, "received from ", message.src, ": ", json::serialize(message.body));
    }
    if (facts != nullptr && !facts->exact) {
        facts = nullptr;
    }
    const auto in_reply_to = facts != nullptr ? facts->in_reply_to : message.in_reply_to();
    if (in_reply_to) {
        bool matched = false;
        run_user_code([&] { matched = complete_pending(*in_reply_to, message); });
        if (matched) {
            return;
        }
    }
    const std::string_view type = facts != nullptr ? facts->type() : message.type();
    if (type.empty()) {
        if (in_reply_to) {
            log(log_level::debug, "dropping reply ", *in_reply_to, " from ", message.src,
                ": it matches no pending RPC");
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
    const auto found = find_handler(type);
    if (found == handlers.end() && in_reply_to) {
        log(log_level::debug, "dropping ", type, " ", *in_reply_to, " from ", message.src,
            ": it matches no pending RPC");
        return;
    }
    if (!init_done.load(std::memory_order_acquire)) {
        std::unique_lock lock(init_mutex);
        if (init_state == InitState::waiting && message.from_client()) {
            lock.unlock();
            reply_error(message, error_code::temporarily_unavailable,
                        "node is not initialised yet");
            return;
        }
        if (init_state != InitState::done) {
            early.push_back(std::move(message));
            return;
        }
    }
    dispatch(std::move(message), found, facts);
}

Node::Impl::handler_table::iterator Node::Impl::find_handler(std::string_view type) {
    if (type != last_type || last_type.empty()) {
        last_handler = handlers.find(type);
        last_type.assign(type);
    }
    return last_handler;
}

void Node::Impl::dispatch(Message&& message) {
    const auto found = handlers.find(message.type());
    dispatch(std::move(message), found);
}

// `found` is the handler for message.type() (or handlers.end()); `facts`, if not null, are exact.
void Node::Impl::dispatch(Message&& message, handler_table::iterator found,
                          const detail::BodyFacts* facts) {
    if (found == handlers.end()) {
        log(log_level::warn, "no handler for message type ", message.type(), " from ", message.src);
        reply_error(message, error_code::not_supported,
                    "unsupported message type " + std::string(message.type()));
        return;
    }
    if (const auto* blocking = std::get_if<handler_fn>(&found->second)) {
        run_user_code([&] { run_request(*blocking, message); });
        return;
    }
    if (const auto* consuming = std::get_if<consuming_handler_fn>(&found->second)) {
        const auto msg_id = facts != nullptr ? facts->msg_id : message.msg_id();
        run_user_code(
            [&] { run_consuming_request(*consuming, std::move(message), found->first, msg_id); });
        return;
    }
    in_flight.fetch_add(1, std::memory_order_relaxed);
    const auto* coroutine = std::get_if<coroutine_handler_fn>(&found->second);
    run_user_code([&] {
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
                in_flight.fetch_sub(1, std::memory_order_release);
            },
            asio::detached);
    });
}

void Node::Impl::run_request(const handler_fn& request_handler, const Message& message) {
    try {
        request_handler(message);
    } catch (...) {
        report_failure(message, std::current_exception());
    }
}

// The handler may move the request's src and body away, so what an error reply needs is kept
// aside first. `type` is the handler table's key, which outlives the request.
void Node::Impl::run_consuming_request(const consuming_handler_fn& request_handler,
                                       Message&& message, std::string_view type,
                                       std::optional<std::int64_t> msg_id) {
    std::string src = message.src;
    const auto received = message.received;
    try {
        request_handler(std::move(message));
    } catch (...) {
        Message request{std::move(src), id, json::object{{"type", type}}, received};
        if (msg_id) {
            request.body["msg_id"] = *msg_id;
        }
        report_failure(request, std::current_exception());
    }
}

void Node::Impl::handle_init(Message&& message) {
    std::unique_lock lock(init_mutex);
    if (init_state != InitState::waiting) {
        lock.unlock();
        log(log_level::warn, "second init from ", message.src, " ignored");
        reply_error(message, error_code::abort, "node is already initialised as " + id);
        return;
    }
    const auto* node_id = message.body.if_contains("node_id");
    const auto* ids = message.body.if_contains("node_ids");
    std::vector<std::string> members;
    bool valid = node_id != nullptr && node_id->is_string() && ids != nullptr && ids->is_array();
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
        lock.unlock();
        log(log_level::warn, "init without string node_id and string array node_ids ignored");
        reply_error(message, error_code::malformed_request,
                    "init needs a string node_id and an array of string node_ids");
        return;
    }
    if (id_known.load() && id != node_id->get_string()) {
        lock.unlock();
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
    lock.unlock();
    run_user_code([&] { run_init(message); });
}

void Node::Impl::run_init(const Message& message) {
    bool ok = true;
    try {
        if (init_hook) {
            init_hook();
        }
        json::object body;
        body["type"] = "init_ok";
        reply_to(message, std::move(body));
    } catch (...) {
        ok = false;
        report_failure(message, std::current_exception());
    }
    finish_init(ok);
}

// Messages queued while init ran are served here, in arrival order, before
// anything read after them (this runs inside the holder's run of user code;
// only when the init hook blocked and lost the turn can a later message start
// first, on the new holder).
void Node::Impl::finish_init(bool ok) {
    std::vector<Message> queued;
    {
        std::lock_guard lock(init_mutex);
        if (!ok) {
            init_state = InitState::waiting;
            return;
        }
        init_state = InitState::done;
        queued = std::move(early);
        early.clear();
        init_done.store(true, std::memory_order_release);
    }
    log(log_level::info, "initialised as ", id, " of ", node_ids.size(), " nodes");
    asio::post(io, [this] { arm_timers_after_init(); });
    for (auto& message : queued) {
        dispatch(std::move(message));
    }
}

}  // namespace maelstrom
