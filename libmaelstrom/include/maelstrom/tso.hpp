#pragma once
// Client of Maelstrom's lin-tso service: a linearizable timestamp oracle whose
// timestamps start at 0 and increase by one per request.
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <cstdint>
#include <exception>

#include "maelstrom/kv.hpp"
#include "maelstrom/node.hpp"

namespace maelstrom {

class TSO {
  public:
    explicit TSO(Node& node, std::string service = "lin-tso");

    void set_timeout(std::chrono::milliseconds timeout) noexcept { timeout_ = timeout; }

    template <class Token>
    auto async_ts(Token&& token) {
        decltype(auto) adapted =
            detail::callback_token<std::int64_t>(std::forward<Token>(token), node_.executor());
        return asio::async_initiate<decltype(adapted), void(std::exception_ptr, std::int64_t)>(
            [this](auto handler) {
                node_.async_rpc(
                    service_, json::object{{"type", "ts"}}, timeout_,
                    detail::then<std::int64_t>(
                        std::move(handler),
                        [](std::exception_ptr error, const Message& reply) {
                            detail::rethrow_if(error);
                            return json::value_to<std::int64_t>(detail::reply_field(reply, "ts"));
                        },
                        node_.executor()));
            },
            adapted);
    }
    std::int64_t ts() { return node_.block_on(async_ts(asio::use_future)); }
    asio::awaitable<std::int64_t> co_ts() { co_return co_await async_ts(asio::use_awaitable); }

  private:
    Node& node_;
    std::string service_;
    std::chrono::milliseconds timeout_;
};

}  // namespace maelstrom
