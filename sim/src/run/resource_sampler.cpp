#include "run/resource_sampler.hpp"

#include <algorithm>

#include "reports/resource_report.hpp"
#include "run/resource_probe.hpp"

namespace sim {

ResourceSampler::ResourceSampler(boost::asio::io_context& io, clock_fn now_ns,
                                 std::chrono::milliseconds interval,
                                 const std::filesystem::path& csv)
    : timer_(io), now_ns_(std::move(now_ns)), interval_(interval) {
    if (!csv.empty()) {
        csv_.open(csv, std::ios::trunc);
        write_resources_csv_header(csv_);
        csv_.flush();
    }
}

void ResourceSampler::watch(NodeProcess& process) {
    processes_.push_back(&process);
}

void ResourceSampler::note_stderr_line(const std::string& node, std::string_view line) {
    if (const auto pending = pending_rpcs_from_stats_line(line)) {
        pending_rpcs_.insert_or_assign(node, *pending);
    }
}

void ResourceSampler::start() {
    stopped_ = false;
    // No sample at once: a process just spawned has not loaded its libraries
    // yet, and its tiny RSS would distort every "first" figure.
    next_ = std::chrono::steady_clock::now();
    schedule();
}

void ResourceSampler::stop() {
    stopped_ = true;
    timer_.cancel();
}

void ResourceSampler::schedule() {
    // Deadlines advance by whole steps, so samples stay evenly spaced on average even when the
    // loop is late; missed steps are skipped.
    const auto step = processes_.empty() ? interval_
                                         : std::max<std::chrono::steady_clock::duration>(
                                               interval_ / static_cast<int>(processes_.size()),
                                               std::chrono::milliseconds(1));
    const auto now = std::chrono::steady_clock::now();
    do {
        next_ += step;
    } while (next_ <= now);
    timer_.expires_at(next_);
    timer_.async_wait([this](const boost::system::error_code& error) {
        if (error || stopped_) {
            return;
        }
        if (!processes_.empty()) {
            sample(*processes_[next_process_]);
            next_process_ = (next_process_ + 1) % processes_.size();
        }
        schedule();
    });
}

void ResourceSampler::sample(NodeProcess& process) {
    if (process.exit_status()) {
        return;
    }
    const auto resources = probe_process(process.pid());
    ResourceSample sample;
    sample.time_s = static_cast<double>(now_ns_()) / 1e9;
    sample.node = process.id();
    sample.rss_kib = resources.rss_kib;
    sample.fds = resources.fds;
    if (const auto found = pending_rpcs_.find(process.id()); found != pending_rpcs_.end()) {
        sample.pending_rpcs = found->second;
    }
    if (csv_.is_open()) {
        write_resources_csv_row(csv_, sample);
        csv_.flush();
    }
    samples_.push_back(std::move(sample));
}

}  // namespace sim
