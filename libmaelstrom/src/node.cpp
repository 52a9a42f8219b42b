// The public face of Node; the work is done by Node::Impl (node_impl.hpp).
#include "maelstrom/node.hpp"

#include <algorithm>

#include "large_blocks.hpp"
#include "node_impl.hpp"

namespace maelstrom {

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

void Node::handle_consuming(std::string type, consuming_handler_fn handler) {
    impl_->handlers.insert_or_assign(std::move(type), std::move(handler));
}

void Node::handle_coroutine(std::string type, coroutine_handler_fn handler) {
    impl_->handlers.insert_or_assign(std::move(type), std::move(handler));
}

void Node::on_init(std::function<void()> hook) {
    impl_->init_hook = std::move(hook);
}

void Node::run() {
    impl_->run();
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

void Node::reply(const Message& request, json::object&& body) {
    impl_->reply_to(request, std::move(body));
}

void Node::reply(const Message& request, const json::object& body) {
    impl_->reply_to(request, json::object(body));
}

void Node::reply_error(const Message& request, error_code code, std::string text) {
    impl_->reply_error(request, code, text);
}

std::int64_t Node::next_msg_id() noexcept {
    return impl_->next_msg_id.fetch_add(1);
}

Message Node::sync_rpc(std::string dest, json::object body,
                       std::optional<std::chrono::milliseconds> timeout) {
    return block_on(async_rpc(std::move(dest), std::move(body),
                              timeout.value_or(options_.rpc_timeout), asio::use_future));
}

void Node::prepare_to_block() {
    impl_->give_up_input_before_blocking();
}

asio::awaitable<Message> Node::co_rpc(std::string dest, json::object body,
                                      std::optional<std::chrono::milliseconds> timeout) {
    co_return co_await async_rpc(std::move(dest), std::move(body),
                                 timeout.value_or(options_.rpc_timeout), asio::use_awaitable);
}

namespace {

// An attempt ends by the policy's deadline.
std::chrono::milliseconds attempt_timeout(const RetryPolicy& policy,
                                          std::chrono::milliseconds node_default) {
    auto timeout = policy.attempt_timeout.count() > 0 ? policy.attempt_timeout : node_default;
    if (const auto left = policy.time_left()) {
        timeout = std::min(timeout, *left);
    }
    return timeout;
}

}  // namespace

asio::awaitable<Message> Node::co_rpc_retry(std::string dest, json::object body,
                                            RetryPolicy policy) {
    co_return co_await co_retry(
        [&]() { return co_rpc(dest, body, attempt_timeout(policy, options_.rpc_timeout)); },
        policy);
}

Message Node::sync_rpc_retry(std::string dest, json::object body, RetryPolicy policy) {
    return retry(
        [&]() { return sync_rpc(dest, body, attempt_timeout(policy, options_.rpc_timeout)); },
        policy);
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
    return impl_->handler_threads();
}

std::size_t Node::timer_count() const {
    return impl_->timer_count.load();
}

void Node::start_rpc(std::string dest, json::object body, std::chrono::milliseconds timeout,
                     rpc_handler handler) {
    impl_->start_rpc(std::move(dest), std::move(body), timeout, std::move(handler));
}

}  // namespace maelstrom
