#pragma once
// A Maelstrom client on the network (c<k>): at most one request outstanding,
// msg_ids from 1, every message that is not the awaited reply is discarded.
#include <boost/asio.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "network/network.hpp"

namespace sim {

class RpcClient {
  public:
    // nullopt = no reply before the timeout.
    using Callback = std::function<void(std::optional<boost::json::object>)>;

    RpcClient(boost::asio::io_context& io, Network& net, std::string id);
    ~RpcClient();
    RpcClient(const RpcClient&) = delete;
    RpcClient& operator=(const RpcClient&) = delete;

    void call(const std::string& dest, boost::json::object body, std::chrono::milliseconds timeout,
              Callback callback);
    const std::string& id() const { return id_; }

  private:
    void on_message(const Message& message);

    Network& net_;
    std::string id_;
    std::int64_t next_msg_id_ = 1;
    std::int64_t pending_msg_id_ = -1;
    Callback callback_;
    boost::asio::steady_timer timer_;
};

}  // namespace sim
