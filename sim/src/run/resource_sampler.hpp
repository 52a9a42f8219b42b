#pragma once
// Samples every node process at a fixed interval on the run's event loop, one
// node at a time spread over the interval (probing 25 nodes at once holds the
// loop, and so every delivery due meanwhile, for most of a millisecond):
// resident memory and open descriptors from /proc, and the latest
// pending_rpcs the node reported in a `maelstrom-stats` line on its stderr.
// A node that has exited is skipped; nothing here may stop the run.
#include <boost/asio.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "network/node_process.hpp"
#include "run/run_record.hpp"

namespace sim {

class ResourceSampler {
  public:
    // Nanoseconds since the start of the run.
    using clock_fn = std::function<std::int64_t()>;

    // With a csv path, every sample is also appended there as it is taken, so
    // a run that dies (or is killed) still leaves its curve behind.
    ResourceSampler(boost::asio::io_context& io, clock_fn now_ns,
                    std::chrono::milliseconds interval = std::chrono::seconds(1),
                    const std::filesystem::path& csv = {});
    ResourceSampler(const ResourceSampler&) = delete;
    ResourceSampler& operator=(const ResourceSampler&) = delete;

    // The process must stay alive until stop().
    void watch(NodeProcess& process);
    void note_stderr_line(const std::string& node, std::string_view line);
    // Every node is sampled once per interval, in turn: node k first k+1 steps of
    // interval / node count after start().
    void start();
    void stop();
    const std::vector<ResourceSample>& samples() const { return samples_; }
    std::vector<ResourceSample> take_samples() { return std::move(samples_); }

  private:
    void sample(NodeProcess& process);
    void schedule();

    boost::asio::steady_timer timer_;
    clock_fn now_ns_;
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point next_;
    bool stopped_ = true;
    std::vector<NodeProcess*> processes_;
    std::size_t next_process_ = 0;
    std::map<std::string, std::int64_t, std::less<>> pending_rpcs_;
    std::vector<ResourceSample> samples_;
    std::ofstream csv_;
};

}  // namespace sim
