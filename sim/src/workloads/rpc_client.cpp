#include "workloads/rpc_client.hpp"

namespace sim {

RpcClient::RpcClient(boost::asio::io_context& io, Network& net, std::string id)
    : net_(net), id_(std::move(id)), timer_(io) {
    net_.add(id_, [this](const Message& message) { on_message(message); });
}

RpcClient::~RpcClient() {
    net_.remove(id_);
    timer_.cancel();
}

void RpcClient::call(const std::string& dest, boost::json::object body,
                     std::chrono::milliseconds timeout, Callback callback) {
    const std::int64_t msg_id = next_msg_id_++;
    body["msg_id"] = msg_id;
    pending_msg_id_ = msg_id;
    callback_ = std::move(callback);
    timer_.expires_after(timeout);
    timer_.async_wait([this, msg_id](const boost::system::error_code& ec) {
        if (ec || pending_msg_id_ != msg_id) {
            return;
        }
        pending_msg_id_ = -1;
        auto expired = std::move(callback_);
        expired(std::nullopt);
    });
    if (net_.send(id_, dest, std::move(body)) < 0) {
        // Unknown destination: Maelstrom's client sees no reply either.
        return;
    }
}

void RpcClient::on_message(const Message& message) {
    const auto* irt = message.body.if_contains("in_reply_to");
    if (pending_msg_id_ < 0 || irt == nullptr || !irt->is_int64() ||
        irt->get_int64() != pending_msg_id_) {
        return;
    }
    pending_msg_id_ = -1;
    timer_.cancel();
    auto answered = std::move(callback_);
    answered(message.body);
}

}  // namespace sim
