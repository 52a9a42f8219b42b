// Lines out: the envelope, lines held until init names the node, replies and
// error replies.
#include "coarse_clock.hpp"
#include "envelope.hpp"
#include "maelstrom/log.hpp"
#include "node_impl.hpp"

namespace maelstrom {

// Every line carries this node's id as src, so nothing may leave before init names the node: a
// send or RPC from another thread (or from a handler of a message queued before init) is held
// until then and written, in order, as soon as the id is known.
void Node::Impl::emit(std::string_view dest, json::object&& body, bool may_defer,
                      std::optional<std::int64_t> in_reply_to) {
    if (!id_known.load(std::memory_order_acquire) && hold_until_named(dest, body, in_reply_to)) {
        return;
    }
    write_line(id, dest, std::move(body), may_defer, in_reply_to);
}

void Node::Impl::write_line(std::string_view src, std::string_view dest, json::object&& body,
                            bool may_defer, std::optional<std::int64_t> in_reply_to) {
    const bool defer = may_defer && detail::batching_replies;
    if (log_enabled(log_level::debug)) {
        std::string line;
        detail::append_line(line, src, dest, std::move(body), in_reply_to);
        log(log_level::debug, "sent ", std::string_view(line.data(), line.size() - 1));
        writer.write(line, defer);
        return;
    }
    writer.write_with(
        [&](std::string& queue) {
            detail::append_line(queue, src, dest, std::move(body), in_reply_to);
        },
        defer);
}

bool Node::Impl::hold_until_named(std::string_view dest, json::object& body,
                                  std::optional<std::int64_t> in_reply_to) {
    std::lock_guard lock(held_mutex);
    if (id_known.load(std::memory_order_relaxed)) {
        return false;
    }
    log(log_level::debug, "holding a message to ", dest, " until init names this node");
    held.push_back(HeldLine{std::string(dest), std::move(body), in_reply_to});
    return true;
}

// Once init has set id. The held lines go out before id_known is published, so a thread that
// sent one of them and then sends again cannot overtake it.
void Node::Impl::name_node() {
    std::lock_guard lock(held_mutex);
    for (auto& line : held) {
        write_line(id, line.dest, std::move(line.body), false, line.in_reply_to);
    }
    held.clear();
    id_known.store(true, std::memory_order_release);
}

// A reply before init names the node comes from the id the request was addressed to.
void Node::Impl::emit_reply(const Message& request, json::object&& body, std::int64_t msg_id) {
    if (id_known.load(std::memory_order_acquire)) {
        write_line(id, request.src, std::move(body), true, msg_id);
    } else if (!request.dest.empty()) {
        write_line(request.dest, request.src, std::move(body), true, msg_id);
    } else {
        log(log_level::warn, "reply to ", request.type(), " ", msg_id, " from ", request.src,
            " dropped: the node has no id yet and the request named none");
    }
}

void Node::Impl::reply_to(const Message& request, json::object&& body) {
    const auto msg_id = request.msg_id();
    if (!msg_id) {
        log(log_level::warn, "cannot reply to a ", request.type(), " from ", request.src,
            " without msg_id; reply dropped");
        return;
    }
    if (too_late_for_client(request)) {
        log(log_level::warn, "reply to ", request.type(), " ", *msg_id, " from ", request.src,
            " dropped: it comes ",
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  request.received)
                .count(),
            " ms after the request, when the client has given up, and Maelstrom would stop "
            "reading this node's output");
        return;
    }
    emit_reply(request, std::move(body), *msg_id);
}

bool Node::Impl::too_late_for_client(const Message& request) const {
    return request.from_client() && options.client_reply_deadline.count() > 0 &&
           request.received != std::chrono::steady_clock::time_point{} &&
           detail::coarse_steady_now() - request.received >= options.client_reply_deadline;
}

void Node::Impl::reply_error(const Message& request, error_code code, std::string_view text) {
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
void Node::Impl::report_failure(const Message& request, std::exception_ptr error) {
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

}  // namespace maelstrom
