#include "network/node_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "run/resource_probe.hpp"

extern char** environ;

namespace sim {
namespace {

constexpr std::size_t kRememberedLines = 32;
constexpr int kNodeNiceIncrement = 10;

std::array<int, 2> make_pipe() {
    std::array<int, 2> fds{};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    }
    return fds;
}

// The bench is the network: when it waits for a CPU behind the nodes it connects, every
// message it holds is delivered late. Its event loop needs little CPU, so ranking the nodes
// below it costs them next to nothing and keeps a woken node from preempting a fan-out of
// deliveries; among themselves the nodes still compete as equals. Niceness is per thread on
// Linux, so every thread the node has started already is lowered too; later ones inherit it.
// Failure only costs precision, so it is not reported.
void lower_priority(pid_t pid) {
    errno = 0;
    const int own = ::getpriority(PRIO_PROCESS, 0);
    if (errno != 0) {
        return;
    }
    const int nice = std::min(own + kNodeNiceIncrement, 19);
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(pid), nice);
    std::error_code ec;
    for (const auto& task :
         std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
        const auto tid = std::strtol(task.path().filename().c_str(), nullptr, 10);
        if (tid > 0) {
            ::setpriority(PRIO_PROCESS, static_cast<id_t>(tid), nice);
        }
    }
}

}  // namespace

NodeProcess::NodeProcess(boost::asio::io_context& io, std::string id)
    : id_(std::move(id)), stdin_(io), stdout_(io), stderr_(io) {}

NodeProcess::~NodeProcess() {
    kill();
}

void NodeProcess::start(const std::string& bin, const std::vector<std::string>& args,
                        const std::filesystem::path& cwd, const std::filesystem::path& stderr_log,
                        LineHandler on_stdout_line) {
    on_stdout_line_ = std::move(on_stdout_line);
    stderr_log_.open(stderr_log, std::ios::app);
    auto in = make_pipe();
    auto out = make_pipe();
    auto err = make_pipe();

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    // The bench's own descriptors are not all close-on-exec (the node-log
    // streams are not), so without this node k would hold the logs of nodes
    // 0..k and whatever the bench inherited.
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);

    std::vector<std::string> argv_storage{bin};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_storage) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);

    const int rc = posix_spawn(&pid_, bin.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    if (rc != 0) {
        ::close(in[1]);
        ::close(out[0]);
        ::close(err[0]);
        pid_ = -1;
        throw std::runtime_error("could not start " + bin + ": " + std::strerror(rc));
    }
    lower_priority(pid_);
    stdin_.assign(in[1]);
    stdin_.non_blocking(true);
    stdout_.assign(out[0]);
    stderr_.assign(err[0]);
    read_stdout();
    read_stderr();
}

void NodeProcess::remember(std::deque<std::string>& lines, std::string line) {
    lines.push_back(std::move(line));
    if (lines.size() > kRememberedLines) {
        lines.pop_front();
    }
}

void NodeProcess::read_stdout() {
    boost::asio::async_read_until(
        stdout_, stdout_buf_, '\n', [this](const boost::system::error_code& ec, std::size_t n) {
            if (ec) {
                return;
            }
            std::string line(
                boost::asio::buffers_begin(stdout_buf_.data()),
                boost::asio::buffers_begin(stdout_buf_.data()) + static_cast<long>(n - 1));
            stdout_buf_.consume(n);
            if (!reading_) {
                return;
            }
            remember(last_stdout_, line);
            on_stdout_line_(line);
            if (reading_) {
                read_stdout();
            }
        });
}

void NodeProcess::read_stderr() {
    boost::asio::async_read_until(
        stderr_, stderr_buf_, '\n', [this](const boost::system::error_code& ec, std::size_t n) {
            if (ec) {
                // Keep a final unterminated line.
                if (stderr_buf_.size() > 0) {
                    std::string rest(boost::asio::buffers_begin(stderr_buf_.data()),
                                     boost::asio::buffers_end(stderr_buf_.data()));
                    stderr_buf_.consume(stderr_buf_.size());
                    stderr_log_ << rest << '\n' << std::flush;
                    remember(last_stderr_, rest);
                }
                return;
            }
            std::string line(
                boost::asio::buffers_begin(stderr_buf_.data()),
                boost::asio::buffers_begin(stderr_buf_.data()) + static_cast<long>(n - 1));
            stderr_buf_.consume(n);
            stderr_log_ << line << '\n' << std::flush;
            if (echo_stderr_) {
                std::cerr << id_ << " stderr: " << line << '\n';
            }
            if (on_stderr_line_) {
                on_stderr_line_(line);
            }
            // Periodic stats lines would push a crashed node's last real
            // messages out of the tail shown in the crash report.
            if (!is_stats_line(line)) {
                remember(last_stderr_, std::move(line));
            }
            read_stderr();
        });
}

void NodeProcess::write_line(std::string_view line) {
    if (!stdin_.is_open()) {
        return;
    }
    if (!writing_) {
        // A line nearly always fits in the pipe at once; writing it here spares each delivery
        // an asynchronous operation and a completion handler.
        boost::system::error_code ec;
        const std::size_t written = stdin_.write_some(boost::asio::buffer(line), ec);
        if (!ec && written == line.size()) {
            return;
        }
        if (ec && ec != boost::asio::error::would_block && ec != boost::asio::error::try_again) {
            return;  // A dead node's stdin fails silently, as in Maelstrom.
        }
        line.remove_prefix(written);
    }
    write_queue_.emplace_back(line);
    if (!writing_) {
        write_next();
    }
}

void NodeProcess::write_next() {
    if (write_queue_.empty() || !stdin_.is_open()) {
        writing_ = false;
        return;
    }
    writing_ = true;
    boost::asio::async_write(stdin_, boost::asio::buffer(write_queue_.front()),
                             [this](const boost::system::error_code& ec, std::size_t) {
                                 if (ec) {
                                     // A dead node's stdin fails silently, as in Maelstrom.
                                     write_queue_.clear();
                                     writing_ = false;
                                     return;
                                 }
                                 write_queue_.pop_front();
                                 write_next();
                             });
}

void NodeProcess::stop_reading() {
    reading_ = false;
}

std::optional<std::string> NodeProcess::exit_status() {
    if (pid_ <= 0) {
        return std::string("never started");
    }
    if (!wait_status_) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            wait_status_ = status;
        }
    }
    if (!wait_status_) {
        return std::nullopt;
    }
    const int status = *wait_status_;
    if (WIFEXITED(status)) {
        return "exit status " + std::to_string(WEXITSTATUS(status));
    }
    if (WIFSIGNALED(status)) {
        return "signal " + std::to_string(WTERMSIG(status));
    }
    return "status " + std::to_string(status);
}

void NodeProcess::kill() {
    if (pid_ > 0 && !wait_status_) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        wait_status_ = status;
    }
    boost::system::error_code ignored;
    stdin_.close(ignored);
    stdout_.close(ignored);
    stderr_.close(ignored);
}

}  // namespace sim
