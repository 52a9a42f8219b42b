#pragma once
// `maelstrom-sim serve`: a small read-only HTTP server over the store, in the
// place of Maelstrom's web server. One thread, asynchronous connections.
#include <boost/asio.hpp>
#include <cstdint>
#include <filesystem>
#include <string>

namespace sim {

class StoreServer {
  public:
    // Binds host:port (port 0: any free port) and fails with an exception if
    // that is impossible or `store` is not a directory.
    StoreServer(const std::filesystem::path& store, const std::string& host, std::uint16_t port);

    std::uint16_t port() const { return port_; }
    // Serves until stop().
    void run();
    // Safe to call from any thread.
    void stop();

  private:
    void accept();

    std::filesystem::path store_root_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
};

}  // namespace sim
