#include "serve/store_server.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "serve/store_site.hpp"

namespace sim {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

// A slow or silent client must not hold a connection open forever.
constexpr auto kIdleTimeout = std::chrono::seconds(30);

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, const std::filesystem::path& store_root)
        : stream_(std::move(socket)), store_root_(store_root) {}

    void read() {
        request_ = {};
        stream_.expires_after(kIdleTimeout);
        http::async_read(stream_, buffer_, request_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (!ec) {
                                 self->respond();
                             }
                         });
    }

  private:
    void respond() {
        const bool head = request_.method() == http::verb::head;
        if (request_.method() != http::verb::get && !head) {
            response_ = {http::status::method_not_allowed, request_.version()};
            response_.set(http::field::allow, "GET, HEAD");
            response_.body() = "read-only\n";
        } else {
            const auto target = request_.target();
            const SiteReply reply =
                handle_get(store_root_, std::string_view(target.data(), target.size()), std::cerr);
            response_ = {static_cast<http::status>(reply.status), request_.version()};
            response_.set(http::field::content_type, reply.content_type);
            response_.body() = head ? std::string() : reply.body;
        }
        response_.set(http::field::server, "maelstrom-sim");
        response_.set(http::field::cache_control, "no-cache");
        response_.keep_alive(request_.keep_alive());
        response_.prepare_payload();
        stream_.expires_after(kIdleTimeout);
        http::async_write(
            stream_, response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
                if (ec || !self->response_.keep_alive()) {
                    beast::error_code ignored;
                    self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                    return;
                }
                self->read();
            });
    }

    beast::tcp_stream stream_;
    const std::filesystem::path& store_root_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> request_;
    http::response<http::string_body> response_;
};

std::filesystem::path canonical_store(const std::filesystem::path& store) {
    std::error_code ec;
    auto root = std::filesystem::canonical(store, ec);
    if (ec || !std::filesystem::is_directory(root)) {
        throw std::runtime_error("no store directory " + store.string() +
                                 " here: run serve where a test wrote its store/");
    }
    return root;
}

}  // namespace

StoreServer::StoreServer(const std::filesystem::path& store, const std::string& host,
                         std::uint16_t port)
    : store_root_(canonical_store(store)), acceptor_(io_) {
    const tcp::endpoint endpoint(boost::asio::ip::make_address(host), port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    accept();
}

void StoreServer::accept() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
        if (ec == boost::asio::error::operation_aborted) {
            return;
        }
        if (!ec) {
            std::make_shared<Session>(std::move(socket), store_root_)->read();
        }
        accept();
    });
}

void StoreServer::run() {
    io_.run();
}

void StoreServer::stop() {
    io_.stop();
}

}  // namespace sim
