#pragma once
// One node's OS process: spawned with pipes on stdin/stdout/stderr, driven by
// the run's event loop.
#include <sys/types.h>

#include <boost/asio.hpp>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

class NodeProcess {
  public:
    using LineHandler = std::function<void(const std::string& line)>;

    NodeProcess(boost::asio::io_context& io, std::string id);
    ~NodeProcess();
    NodeProcess(const NodeProcess&) = delete;
    NodeProcess& operator=(const NodeProcess&) = delete;

    // argv = {bin, args...}; throws std::runtime_error if the spawn fails.
    void start(const std::string& bin, const std::vector<std::string>& args,
               const std::filesystem::path& cwd, const std::filesystem::path& stderr_log,
               LineHandler on_stdout_line);

    void write_line(std::string_view line);
    // --log-stderr: also copy every stderr line to the bench's own stderr.
    void set_echo_stderr(bool echo) { echo_stderr_ = echo; }
    // Sees every complete stderr line (after it is logged).
    void set_stderr_observer(LineHandler observer) { on_stderr_line_ = std::move(observer); }
    // After a protocol violation Maelstrom stops consuming the node's stdout.
    void stop_reading();
    // Exit status description if the process has already exited.
    std::optional<std::string> exit_status();
    void kill();

    const std::string& id() const { return id_; }
    // -1 before start or after a failed spawn.
    pid_t pid() const { return pid_; }
    const std::deque<std::string>& last_stdout() const { return last_stdout_; }
    const std::deque<std::string>& last_stderr() const { return last_stderr_; }

  private:
    void read_stdout();
    void read_stderr();
    void write_next();
    static void remember(std::deque<std::string>& lines, std::string line);

    std::string id_;
    pid_t pid_ = -1;
    std::optional<int> wait_status_;
    boost::asio::posix::stream_descriptor stdin_;
    boost::asio::posix::stream_descriptor stdout_;
    boost::asio::posix::stream_descriptor stderr_;
    boost::asio::streambuf stdout_buf_;
    boost::asio::streambuf stderr_buf_;
    std::deque<std::string> write_queue_;
    bool writing_ = false;
    bool reading_ = true;
    bool echo_stderr_ = false;
    LineHandler on_stdout_line_;
    LineHandler on_stderr_line_;
    std::ofstream stderr_log_;
    std::deque<std::string> last_stdout_;
    std::deque<std::string> last_stderr_;
};

}  // namespace sim
