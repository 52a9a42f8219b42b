#pragma once
// Drives a maelstrom::Node through pipes, standing in for Maelstrom: the test
// writes input lines and reads the node's output lines, and an optional
// responder plays other nodes and services.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <maelstrom/maelstrom.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace maelstrom::testing {

using namespace std::chrono_literals;

// Reads `fd` until end of file or error, handing each chunk as read to `on_chunk` (when
// set) and each complete line, without its newline, to `on_line`.
inline void read_lines(int fd, const std::function<void(std::string_view)>& on_line,
                       const std::function<void(std::string_view)>& on_chunk = {}) {
    std::string pending;
    char buffer[65536];
    for (;;) {
        const auto got = ::read(fd, buffer, sizeof buffer);
        if (got <= 0) {
            return;
        }
        const std::string_view chunk(buffer, static_cast<std::size_t>(got));
        if (on_chunk) {
            on_chunk(chunk);
        }
        // Only the new bytes can hold a newline: rescanning the whole pending
        // line would make very long lines quadratic.
        const std::size_t scanned = pending.size();
        pending.append(chunk);
        std::size_t start = 0;
        for (auto newline = pending.find('\n', scanned); newline != std::string::npos;
             newline = pending.find('\n', start)) {
            on_line(std::string_view(pending).substr(start, newline - start));
            start = newline + 1;
        }
        pending.erase(0, start);
    }
}

class NodeHarness {
  public:
    // Returns true when it consumed the message (it may answer with send()).
    using responder = std::function<bool(const json::object& envelope)>;

    explicit NodeHarness(NodeOptions options = {}) {
        int input[2];
        int output[2];
        if (::pipe2(input, O_CLOEXEC) != 0 || ::pipe2(output, O_CLOEXEC) != 0) {
            throw std::runtime_error("pipe failed");
        }
        input_write_ = input[1];
        node_input_ = input[0];
        output_read_ = output[0];
        node_output_ = output[1];
        options.input_fd = node_input_;
        options.output_fd = node_output_;
        node_ = std::make_unique<Node>(options);
    }

    ~NodeHarness() {
        close_input();
        join();
        node_.reset();
        ::close(node_output_);
        if (reader_.joinable()) {
            reader_.join();
        }
        ::close(output_read_);
        ::close(node_input_);
    }

    Node& node() { return *node_; }

    void set_responder(responder r) {
        std::lock_guard lock(mutex_);
        responder_ = std::move(r);
    }

    void start() {
        reader_ = std::thread([this] { read_output(); });
        runner_ = std::thread([this] {
            node_->run();
            std::lock_guard lock(mutex_);
            finished_ = true;
            changed_.notify_all();
        });
    }

    void send_line(std::string_view line) {
        std::string data(line);
        data.push_back('\n');
        std::lock_guard lock(write_mutex_);
        if (input_write_ < 0) {
            return;
        }
        std::string_view rest = data;
        while (!rest.empty()) {
            const auto written = ::write(input_write_, rest.data(), rest.size());
            if (written <= 0) {
                throw std::runtime_error("writing to the node failed");
            }
            rest.remove_prefix(static_cast<std::size_t>(written));
        }
    }

    void send(std::string src, std::string dest, json::object body) {
        send_line(json::serialize(json::object{{"src", src}, {"dest", dest}, {"body", body}}));
    }

    // Sends init and returns the node's answer.
    json::object init(std::string id = "n0", std::vector<std::string> ids = {"n0", "n1", "n2"}) {
        json::array members;
        for (const auto& member : ids) {
            members.emplace_back(member);
        }
        send("c0", id,
             {{"type", "init"}, {"msg_id", 1}, {"node_id", id}, {"node_ids", std::move(members)}});
        return next();
    }

    // The next output line not taken by the responder.
    std::optional<json::object> try_next(std::chrono::milliseconds timeout = 10s) {
        std::unique_lock lock(mutex_);
        if (!changed_.wait_for(lock, timeout, [this] { return !lines_.empty() || eof_; })) {
            return std::nullopt;
        }
        if (lines_.empty()) {
            return std::nullopt;
        }
        auto line = std::move(lines_.front());
        lines_.pop_front();
        return line;
    }

    json::object next(std::chrono::milliseconds timeout = 10s) {
        auto line = try_next(timeout);
        if (!line) {
            throw std::runtime_error("the node sent nothing");
        }
        return *line;
    }

    void close_input() {
        std::lock_guard lock(write_mutex_);
        if (input_write_ >= 0) {
            ::close(input_write_);
            input_write_ = -1;
        }
    }

    // Waits until run() has returned.
    bool wait_finished(std::chrono::milliseconds timeout = 20s) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [this] { return finished_; });
    }

    void join() {
        if (runner_.joinable()) {
            runner_.join();
        }
    }

    // Every line the node wrote was one complete JSON object.
    bool all_lines_valid() const {
        std::lock_guard lock(mutex_);
        return invalid_lines_ == 0;
    }

  private:
    void read_output() {
        read_lines(output_read_, [this](std::string_view line) { deliver(line); });
        std::lock_guard lock(mutex_);
        eof_ = true;
        changed_.notify_all();
    }

    void deliver(std::string_view line) {
        boost::system::error_code error;
        json::parse_options options;
        options.max_depth = 100000;
        auto value = json::parse(line, error, {}, options);
        responder r;
        {
            std::lock_guard lock(mutex_);
            if (error || !value.is_object()) {
                ++invalid_lines_;
                return;
            }
            r = responder_;
        }
        if (r && r(value.as_object())) {
            return;
        }
        std::lock_guard lock(mutex_);
        lines_.push_back(std::move(value.as_object()));
        changed_.notify_all();
    }

    std::unique_ptr<Node> node_;
    int input_write_ = -1;
    int node_input_ = -1;
    int output_read_ = -1;
    int node_output_ = -1;
    std::mutex write_mutex_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<json::object> lines_;
    responder responder_;
    std::size_t invalid_lines_ = 0;
    bool eof_ = false;
    bool finished_ = false;
    std::thread reader_;
    std::thread runner_;
};

// Collects log lines while alive.
// Plays peer "n1": holds every request sent to it until `count` have arrived, then answers
// them all with "pong", so each requester stays blocked until all of them have asked.
// Declare it before the harness: the harness's reader thread calls it until the harness is
// destroyed.
class BatchedPeer {
  public:
    explicit BatchedPeer(std::size_t count) : count_(count) {}

    void attach(NodeHarness& harness) {
        harness.set_responder([this, &harness](const json::object& envelope) {
            if (envelope.at("dest") != "n1") {
                return false;
            }
            std::vector<json::object> release;
            {
                std::lock_guard lock(mutex_);
                held_.push_back(envelope.at("body").as_object());
                if (held_.size() == count_) {
                    release.swap(held_);
                }
            }
            for (const auto& body : release) {
                harness.send("n1", "n0", {{"type", "pong"}, {"in_reply_to", body.at("msg_id")}});
            }
            return true;
        });
    }

  private:
    std::size_t count_;
    std::mutex mutex_;
    std::vector<json::object> held_;
};

class LogCapture {
  public:
    explicit LogCapture(log_level level = log_level::debug) : previous_(current_log_level()) {
        set_log_level(level);
        set_log_sink([this](log_level, std::string_view line) {
            {
                std::lock_guard lock(mutex_);
                lines_.emplace_back(line);
            }
            logged_.notify_all();
        });
    }
    ~LogCapture() {
        set_log_sink({});
        set_log_level(previous_);
    }
    bool contains(std::string_view text) const {
        std::lock_guard lock(mutex_);
        return any_line_contains(text);
    }
    // For lines a handler thread writes while the test goes on: true once one contains
    // `text`, false if none has within `limit`.
    bool wait_for(std::string_view text,
                  std::chrono::milliseconds limit = std::chrono::seconds(5)) {
        std::unique_lock lock(mutex_);
        return logged_.wait_for(lock, limit, [&] { return any_line_contains(text); });
    }

  private:
    // With mutex_ held.
    bool any_line_contains(std::string_view text) const {
        return std::any_of(lines_.begin(), lines_.end(), [&](const std::string& line) {
            return line.find(text) != std::string::npos;
        });
    }

    log_level previous_;
    mutable std::mutex mutex_;
    std::condition_variable logged_;
    std::vector<std::string> lines_;
};

inline json::object body_of(const json::object& envelope) {
    return envelope.at("body").as_object();
}

}  // namespace maelstrom::testing
