// The echo and unique-ids challenge binaries, run as processes on scripted
// input (the bench's end-to-end runs cover them under Maelstrom's workloads).
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

extern char** environ;

namespace {

namespace json = boost::json;

std::string line(std::string src, std::string dest, json::object body) {
    return json::serialize(json::object{{"src", src}, {"dest", dest}, {"body", body}}) + "\n";
}

std::string init_line(const std::string& id) {
    return line("c0", id,
                {{"type", "init"},
                 {"msg_id", 1},
                 {"node_id", id},
                 {"node_ids", json::array{"n0", "n1", "n2"}}});
}

// Runs `binary` with `input` on stdin until it exits; returns its stdout lines.
std::vector<json::object> run_node(const char* binary, const std::string& input) {
    std::FILE* in = std::tmpfile();
    std::fwrite(input.data(), 1, input.size(), in);
    std::fflush(in);
    std::rewind(in);
    int out[2];
    EXPECT_EQ(::pipe(out), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, ::fileno(in), STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    pid_t child = 0;
    char* argv[] = {const_cast<char*>(binary), nullptr};
    EXPECT_EQ(posix_spawn(&child, binary, &actions, nullptr, argv, environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    std::string output;
    char buffer[65536];
    for (ssize_t got; (got = ::read(out[0], buffer, sizeof buffer)) > 0;) {
        output.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(out[0]);
    std::fclose(in);
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    std::vector<json::object> lines;
    std::size_t start = 0;
    for (auto end = output.find('\n'); end != std::string::npos; end = output.find('\n', start)) {
        lines.push_back(
            json::parse(std::string_view(output).substr(start, end - start)).as_object());
        start = end + 1;
    }
    return lines;
}

TEST(EchoChallenge, EchoesAnyJsonWithTheWorkloadsReplySchema) {
    std::string input = init_line("n0");
    const json::value payloads[] = {"Please echo 7", INT64_MAX,
                                    json::parse(R"({"a":[1,2.5,null,true,"x"]})")};
    for (std::size_t i = 0; i < std::size(payloads); ++i) {
        input += line("c1", "n0",
                      {{"type", "echo"},
                       {"msg_id", static_cast<std::int64_t>(i + 2)},
                       {"echo", payloads[i]}});
    }
    const auto replies = run_node(ECHO_BINARY, input);
    ASSERT_EQ(replies.size(), 1 + std::size(payloads));
    EXPECT_EQ(replies[0].at("body").at("type"), "init_ok");
    // Handlers run on several threads, so replies may come in any order.
    std::map<std::int64_t, json::object> by_request;
    for (std::size_t i = 1; i < replies.size(); ++i) {
        EXPECT_EQ(replies[i].at("dest"), "c1");
        const auto& body = replies[i].at("body").as_object();
        by_request[body.at("in_reply_to").as_int64()] = body;
    }
    for (std::size_t i = 0; i < std::size(payloads); ++i) {
        // The reply is the request's own body, so it keeps the request's msg_id: the one
        // optional key every reply schema allows besides type and in_reply_to.
        json::object expected;
        expected["type"] = "echo_ok";
        expected["msg_id"] = static_cast<std::int64_t>(i + 2);
        expected["echo"] = payloads[i];
        expected["in_reply_to"] = static_cast<std::int64_t>(i + 2);
        EXPECT_EQ(json::serialize(by_request[static_cast<std::int64_t>(i + 2)]),
                  json::serialize(expected));
    }
}

TEST(UniqueIdsChallenge, IdsAreUniqueAcrossNodesWithoutServerMessages) {
    constexpr int kPerNode = 2000;
    std::set<std::string> ids;
    for (const std::string node : {"n0", "n1", "n2"}) {
        std::string input = init_line(node);
        for (int i = 0; i < kPerNode; ++i) {
            input +=
                line("c" + std::to_string(i % 5), node, {{"type", "generate"}, {"msg_id", i + 2}});
        }
        const auto replies = run_node(UNIQUE_IDS_BINARY, input);
        ASSERT_EQ(replies.size(), 1u + kPerNode);
        for (std::size_t i = 1; i < replies.size(); ++i) {
            const auto& dest = replies[i].at("dest").as_string();
            ASSERT_EQ(dest.front(), 'c') << "a message to another server: " << replies[i];
            const auto& body = replies[i].at("body").as_object();
            ASSERT_EQ(body.at("type"), "generate_ok");
            EXPECT_TRUE(ids.insert(std::string(body.at("id").as_string())).second)
                << "duplicate id " << body.at("id");
        }
    }
    EXPECT_EQ(ids.size(), 3u * kPerNode);
}

}  // namespace
