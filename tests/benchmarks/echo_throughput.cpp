// Whole-process echo benchmark: pipes an init line and N echo requests into a
// node process (the command after "--") as fast as the node reads them,
// counts reply lines, and reports messages per second and the node's peak
// resident set size.
//
//   echo_throughput [-n N] -- [taskset -c 0] build/challenges/echo
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace json = boost::json;

extern char** environ;

namespace {

std::string request_lines(std::int64_t count) {
    std::string lines;
    lines.reserve(static_cast<std::size_t>(count) * 90);
    const json::object init{
        {"src", "c0"},
        {"dest", "n0"},
        {"body",
         {{"type", "init"}, {"msg_id", 1}, {"node_id", "n0"}, {"node_ids", json::array{"n0"}}}}};
    lines += json::serialize(init);
    lines += '\n';
    for (std::int64_t i = 0; i < count; ++i) {
        const json::object request{{"src", "c1"},
                                   {"dest", "n0"},
                                   {"body",
                                    {{"type", "echo"},
                                     {"msg_id", i + 2},
                                     {"echo", "Please echo " + std::to_string(i % 128)}}}};
        lines += json::serialize(request);
        lines += '\n';
    }
    return lines;
}

int usage() {
    std::cerr << "usage: echo_throughput [-n COUNT] -- COMMAND [ARGS...]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::int64_t count = 1'000'000;
    int command_start = -1;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg == "--") {
            command_start = i + 1;
            break;
        }
        if (arg == "-n" && i + 1 < argc) {
            count = std::stoll(argv[++i]);
        } else {
            return usage();
        }
    }
    if (command_start < 0 || command_start >= argc) {
        return usage();
    }

    int to_node[2];
    int from_node[2];
    if (::pipe(to_node) != 0 || ::pipe(from_node) != 0) {
        std::perror("pipe");
        return 1;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_node[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, from_node[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, to_node[1]);
    posix_spawn_file_actions_addclose(&actions, from_node[0]);
    pid_t child = 0;
    if (posix_spawnp(&child, argv[command_start], &actions, nullptr, argv + command_start,
                     environ) != 0) {
        std::perror("posix_spawnp");
        return 1;
    }
    posix_spawn_file_actions_destroy(&actions);
    ::close(to_node[0]);
    ::close(from_node[1]);
    // Built after the spawn so that the child's peak RSS does not count this
    // process's input buffer; the clock starts once the input exists.
    const std::string input = request_lines(count);
    const auto started = std::chrono::steady_clock::now();

    asio::io_context io;
    asio::posix::stream_descriptor node_input(io, to_node[1]);
    asio::posix::stream_descriptor node_output(io, from_node[0]);
    asio::async_write(node_input, asio::buffer(input),
                      [&](boost::system::error_code, std::size_t) { node_input.close(); });
    std::int64_t replies = 0;
    std::vector<char> buffer(1 << 16);
    std::function<void()> read_more = [&] {
        node_output.async_read_some(asio::buffer(buffer),
                                    [&](boost::system::error_code error, std::size_t size) {
                                        for (std::size_t i = 0; i < size; ++i) {
                                            replies += buffer[i] == '\n' ? 1 : 0;
                                        }
                                        if (!error) {
                                            read_more();
                                        }
                                    });
    };
    read_more();
    io.run();
    const auto finished = std::chrono::steady_clock::now();

    int status = 0;
    rusage usage{};
    ::wait4(child, &status, 0, &usage);
    const double seconds = std::chrono::duration<double>(finished - started).count();
    const std::int64_t echoed = replies > 0 ? replies - 1 : 0;
    const auto to_seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    // CPU time is what the node costs regardless of other load on the machine.
    const double cpu_seconds = to_seconds(usage.ru_utime) + to_seconds(usage.ru_stime);
    std::cout << "requests: " << count << "\nreplies: " << echoed << "\nseconds: " << seconds
              << "\nmessages/s: "
              << static_cast<std::int64_t>(static_cast<double>(echoed) / seconds)
              << "\nnode CPU seconds: " << cpu_seconds << "\nmessages per CPU second: "
              << static_cast<std::int64_t>(static_cast<double>(echoed) / cpu_seconds)
              << "\npeak RSS (KiB): " << usage.ru_maxrss
              << "\nexit status: " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << "\n";
    return echoed == count ? 0 : 1;
}
