// Grow-only counter node for Maelstrom's g-counter workload (challenge 4).
// Each node owns the seq-kv key named after itself and is its only writer, so
// it never needs a compare-and-set on possibly stale state. A periodic round
// writes the own total, then writes a never-before-seen value to a scratch key
// (a state-changing write moves this node's seq-kv cursor to the newest state,
// so the reads that follow cannot be stale), then reads every other node's
// key. Direct gossip of the totals is an accelerator only.
#include <chrono>
#include <cstdlib>
#include <maelstrom/maelstrom.hpp>
#include <mutex>
#include <optional>
#include <string>

#include "counter_config.hpp"
#include "counter_state.hpp"

namespace {

maelstrom::json::value kv_key(const std::string& name) {
    return maelstrom::json::value(maelstrom::json::string_view(name));
}

class CounterNode {
  public:
    explicit CounterNode(g_counter::Config config) : config_(config), kv_(node_) {
        node_.on_init([this] {
            std::lock_guard lock(mutex_);
            state_.emplace(node_.id());
        });
        node_.handle("add", [this](const maelstrom::Message& request) {
            const auto* delta = request.body.if_contains("delta");
            if (delta == nullptr || !delta->is_int64()) {
                throw maelstrom::rpc_error(maelstrom::error_code::malformed_request,
                                           "add needs an integer \"delta\"");
            }
            bool added = false;
            {
                std::lock_guard lock(mutex_);
                added = state_ && state_->add(delta->as_int64());
            }
            if (!added) {
                throw maelstrom::rpc_error(maelstrom::error_code::malformed_request,
                                           "a grow-only counter takes deltas >= 0 only");
            }
            node_.reply(request, maelstrom::json::object{{"type", "add_ok"}});
        });
        node_.handle("read", [this](const maelstrom::Message& request) {
            std::int64_t value = 0;
            {
                std::lock_guard lock(mutex_);
                value = state_ ? state_->value() : 0;
            }
            node_.reply(request, maelstrom::json::object{{"type", "read_ok"}, {"value", value}});
        });
        node_.handle("totals", [this](const maelstrom::Message& message) {
            g_counter::TotalsBody body;
            try {
                body = message.body_as<g_counter::TotalsBody>();
            } catch (const std::exception& error) {
                maelstrom::log(maelstrom::log_level::warn, "ignoring malformed totals from ",
                               message.src, ": ", error.what());
                return;
            }
            std::lock_guard lock(mutex_);
            if (state_) {
                state_->merge(body.totals);
            }
        });
    }

    void run() {
        node_.every(config_.sync_interval, [this] { sync_with_kv(); });
        if (config_.gossip_interval.count() > 0) {
            node_.every(config_.gossip_interval, [this] { gossip(); });
        }
        node_.run();
    }

  private:
    void sync_with_kv() {
        std::optional<std::int64_t> own;
        {
            std::lock_guard lock(mutex_);
            if (!state_) {
                return;
            }
            own = state_->own();
        }
        try {
            if (own != written_) {
                kv_.write(kv_key(node_.id()), *own);
                written_ = own;
            }
            kv_.write(kv_key("fresh-" + node_.id()), ++fresh_writes_);
            for (const std::string& peer : node_.peer_ids()) {
                const auto total = kv_.read_or<std::int64_t>(kv_key(peer), 0);
                std::lock_guard lock(mutex_);
                state_->merge(peer, total);
            }
        } catch (const std::exception& error) {
            // The next round repeats everything, so a failed one only delays.
            maelstrom::log(maelstrom::log_level::info, "seq-kv round failed: ", error.what());
        }
    }

    void gossip() {
        g_counter::TotalsBody body;
        {
            std::lock_guard lock(mutex_);
            if (!state_) {
                return;
            }
            body.totals = state_->totals();
        }
        const auto message = maelstrom::make_body(body);
        for (const std::string& peer : node_.peer_ids()) {
            node_.send(peer, message);
        }
    }

    g_counter::Config config_;
    maelstrom::Node node_;
    maelstrom::SeqKV kv_;
    std::mutex mutex_;
    std::optional<g_counter::CounterState> state_;
    // Touched only by the seq-kv round, whose runs never overlap.
    std::optional<std::int64_t> written_;
    std::int64_t fresh_writes_ = 0;
};

}  // namespace

int main() {
    std::string problems;
    const auto config =
        g_counter::config_from([](const char* name) { return std::getenv(name); }, problems);
    if (!problems.empty()) {
        maelstrom::log(maelstrom::log_level::warn, "g-counter settings: ", problems);
    }
    CounterNode node(config);
    node.run();
}
