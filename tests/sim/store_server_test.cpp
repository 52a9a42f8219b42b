// `serve`: the index, a run page and stored files over HTTP, and every way a
// request might try to leave the store.
#include "serve/store_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "scratch_dir.hpp"
#include "serve/store_paths.hpp"
#include "serve/store_site.hpp"

namespace {

namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

constexpr const char* kValidRun = "echo/20250101T000000.000+0000";
constexpr const char* kInvalidRun = "broadcast/20250102T000000.000+0000";

void write(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

// A store with a valid echo run and a newer invalid broadcast run, a secret
// beside the store, and links from inside the store to it and to the run.
class StoreFixture : public ::testing::Test {
  protected:
    StoreFixture() {
        const auto valid = store() / kValidRun;
        write(valid / "results.json",
              R"({"stats":{"count":10},"availability":{"ok-fraction":1.0,"valid?":true},)"
              R"("net":{"servers":{"msgs-per-op":1.0}},"workload":{"valid?":true},"valid?":true})");
        write(valid / "test.json", R"({"workload":"echo","nodes":["n0"],"seed":1})");
        write(valid / "history.json", "[]");
        write(valid / "timeline.html", "<html>timeline</html>");
        write(valid / "messages.svg", "<svg/>");
        write(valid / "node-logs" / "n0.log", "node n0 started\n");
        const auto invalid = store() / kInvalidRun;
        write(invalid / "results.json",
              R"({"stats":{"count":20},"workload":{"valid?":false,"lost-count":1,)"
              R"("lost":[7],"stable-latencies":{"0.5":12,"1":40}},"valid?":false})");
        write(invalid / "test.json",
              R"({"workload":"broadcast","nodes":["n0","n1","n2"],"seed":2})");
        write(scratch_ / "secret.txt", "the secret");
        std::filesystem::create_directory_symlink(scratch_.path(), store() / "escape");
        std::filesystem::create_symlink(scratch_ / "secret.txt", store() / "secret-link.txt");
        std::filesystem::create_directory_symlink("echo/20250101T000000.000+0000",
                                                  store() / "latest");
        root_ = std::filesystem::canonical(store());
    }
    std::filesystem::path store() const { return scratch_ / "store"; }

    // GET through handle_get, keeping what it logs.
    sim::SiteReply get(const std::string& target) { return sim::handle_get(root_, target, log_); }

    ScratchDir scratch_;
    std::filesystem::path root_;
    std::ostringstream log_;
};

TEST_F(StoreFixture, IndexListsRunsNewestFirstWithVerdictColours) {
    const auto reply = get("/");
    ASSERT_EQ(reply.status, 200u);
    const auto newest = reply.body.find(kInvalidRun);
    const auto oldest = reply.body.find(kValidRun);
    ASSERT_NE(newest, std::string::npos);
    ASSERT_NE(oldest, std::string::npos);
    EXPECT_LT(newest, oldest);
    EXPECT_NE(reply.body.find("class=\"verdict-invalid\""), std::string::npos);
    EXPECT_NE(reply.body.find("class=\"verdict-valid\""), std::string::npos);
    EXPECT_NE(reply.body.find("100%"), std::string::npos) << "availability";
    EXPECT_NE(reply.body.find("12 / 40"), std::string::npos) << "stable latency";
    EXPECT_NE(reply.body.find("href=\"/run/" + std::string(kValidRun) + "/\""), std::string::npos);
}

TEST_F(StoreFixture, RunPageExplainsTheFailureAndLinksTheFiles) {
    const auto invalid = get("/run/" + std::string(kInvalidRun) + "/");
    ASSERT_EQ(invalid.status, 200u);
    EXPECT_NE(invalid.body.find("broadcast: invalid"), std::string::npos);
    EXPECT_NE(invalid.body.find("workload checker"), std::string::npos);
    EXPECT_NE(invalid.body.find("<dt>lost</dt>"), std::string::npos);
    EXPECT_NE(invalid.body.find("[7]"), std::string::npos);
    const auto valid = get("/run/" + std::string(kValidRun));
    ASSERT_EQ(valid.status, 200u);
    EXPECT_EQ(valid.body.find("Why it is"), std::string::npos);
    for (const char* file :
         {"timeline.html", "messages.svg", "history.json", "results.json", "node-logs/n0.log"}) {
        EXPECT_NE(valid.body.find("/files/" + std::string(kValidRun) + "/" + file),
                  std::string::npos)
            << file;
    }
    EXPECT_EQ(get("/run/latest").status, 200u) << "the latest link stays inside the store";
}

TEST_F(StoreFixture, ServesStoredFilesWithTheirTypes) {
    const auto log = get("/files/" + std::string(kValidRun) + "/node-logs/n0.log");
    EXPECT_EQ(log.status, 200u);
    EXPECT_EQ(log.body, "node n0 started\n");
    EXPECT_EQ(log.content_type, "text/plain; charset=utf-8");
    EXPECT_EQ(get("/files/" + std::string(kValidRun) + "/messages.svg").content_type,
              "image/svg+xml");
    EXPECT_EQ(get("/files/latest/timeline.html").body, "<html>timeline</html>");
    EXPECT_EQ(get("/files/echo%2F20250101T000000.000%2B0000/test.json").status, 200u);
    EXPECT_TRUE(log_.str().empty()) << log_.str();
}

TEST_F(StoreFixture, RefusesDotDot) {
    EXPECT_EQ(get("/files/../secret.txt").status, 404u);
    EXPECT_EQ(get("/files/echo/../../secret.txt").status, 404u);
    EXPECT_EQ(get("/run/../store/echo").status, 404u);
    EXPECT_NE(log_.str().find("refused /files/../secret.txt"), std::string::npos) << log_.str();
}

TEST_F(StoreFixture, RefusesEncodedDotDot) {
    EXPECT_EQ(get("/files/%2e%2e/secret.txt").status, 404u);
    EXPECT_EQ(get("/files/%2E%2E%2Fsecret.txt").status, 404u);
    EXPECT_EQ(get("/files/echo/%2e%2e/%2e%2e/secret.txt").status, 404u);
    EXPECT_EQ(get("/files/%zz").status, 404u);
    EXPECT_NE(log_.str().find("refused /files/%2e%2e/secret.txt"), std::string::npos);
}

TEST_F(StoreFixture, RefusesAbsolutePaths) {
    const std::string secret = (scratch_ / "secret.txt").string();
    EXPECT_EQ(get("/files/" + secret).status, 404u);
    EXPECT_EQ(get("/files/%2F" + secret.substr(1)).status, 404u);
    EXPECT_EQ(get("/files//etc/passwd").status, 404u);
    EXPECT_NE(log_.str().find("refused /files//etc/passwd"), std::string::npos);
}

TEST_F(StoreFixture, RefusesSymlinksLeadingOutOfTheStore) {
    EXPECT_EQ(get("/files/escape/secret.txt").status, 404u);
    EXPECT_EQ(get("/files/secret-link.txt").status, 404u);
    EXPECT_EQ(get("/run/escape").status, 404u);
    EXPECT_NE(log_.str().find("refused /files/secret-link.txt"), std::string::npos);
    EXPECT_EQ(log_.str().find("the secret"), std::string::npos);
}

TEST_F(StoreFixture, ResolveKeepsToTheStore) {
    EXPECT_TRUE(sim::resolve_in_store(root_, "echo"));
    EXPECT_FALSE(sim::resolve_in_store(root_, "missing"));
    EXPECT_FALSE(sim::resolve_in_store(root_, ".."));
    EXPECT_FALSE(sim::resolve_in_store(root_, "/"));
    EXPECT_EQ(sim::percent_decode("a%20b%2e"), "a b.");
    EXPECT_FALSE(sim::percent_decode("a%0"));
    EXPECT_FALSE(sim::percent_decode("a%00b"));
}

// The same requests through the real server on a loopback port.
class ServerFixture : public StoreFixture {
  protected:
    ServerFixture() : server_(store(), "127.0.0.1", 0), thread_([this] { server_.run(); }) {}
    ~ServerFixture() override {
        server_.stop();
        thread_.join();
    }

    http::response<http::string_body> request(const std::string& target,
                                              http::verb verb = http::verb::get) {
        boost::asio::io_context io;
        tcp::socket socket(io);
        socket.connect({boost::asio::ip::make_address("127.0.0.1"), server_.port()});
        http::request<http::empty_body> req{verb, target, 11};
        req.set(http::field::host, "localhost");
        http::write(socket, req);
        boost::beast::flat_buffer buffer;
        http::response<http::string_body> response;
        http::read(socket, buffer, response);
        return response;
    }

    sim::StoreServer server_;
    std::thread thread_;
};

TEST_F(ServerFixture, ServesPagesAndFiles) {
    EXPECT_NE(server_.port(), 0);
    const auto index = request("/");
    EXPECT_EQ(index.result(), http::status::ok);
    EXPECT_NE(index.body().find(kInvalidRun), std::string::npos);
    const auto page = request("/run/" + std::string(kInvalidRun) + "/");
    EXPECT_EQ(page.result(), http::status::ok);
    EXPECT_NE(page.body().find("<dt>lost</dt>"), std::string::npos);
    const auto log = request("/files/" + std::string(kValidRun) + "/node-logs/n0.log");
    EXPECT_EQ(log.result(), http::status::ok);
    EXPECT_EQ(log.body(), "node n0 started\n");
    EXPECT_EQ(request("/files/latest/messages.svg")[http::field::content_type], "image/svg+xml");
}

TEST_F(ServerFixture, RefusesEveryWayOut) {
    const std::string secret = (scratch_ / "secret.txt").string();
    for (const std::string& target :
         {std::string("/files/../secret.txt"), std::string("/files/%2e%2e/secret.txt"),
          "/files/" + secret, std::string("/files/escape/secret.txt"),
          std::string("/files/secret-link.txt"), std::string("/nowhere")}) {
        const auto response = request(target);
        EXPECT_EQ(response.result(), http::status::not_found) << target;
        EXPECT_EQ(response.body().find("the secret"), std::string::npos) << target;
    }
}

TEST_F(ServerFixture, IsReadOnly) {
    const auto response = request("/files/latest/results.json", http::verb::delete_);
    EXPECT_EQ(response.result(), http::status::method_not_allowed);
    EXPECT_TRUE(std::filesystem::exists(store() / kValidRun / "results.json"));
}

TEST(StoreServer, RefusesToStartWithoutAStore) {
    ScratchDir dir;
    EXPECT_THROW(sim::StoreServer(dir / "store", "127.0.0.1", 0), std::runtime_error);
}

}  // namespace
