// Broadcast node for Maelstrom's broadcast workload (challenges 3a-3e); the
// replication logic lives in broadcast_core.hpp, tuning in broadcast_config.hpp.
#include <chrono>
#include <maelstrom/maelstrom.hpp>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "broadcast_config.hpp"
#include "broadcast_core.hpp"

namespace {

broadcast::Millis now() {
    return std::chrono::duration_cast<broadcast::Millis>(
        std::chrono::steady_clock::now().time_since_epoch());
}

class BroadcastNode {
  public:
    explicit BroadcastNode(broadcast::Config config) : config_(config) {
        node_.on_init([this] {
            std::lock_guard lock(mutex_);
            core_.emplace(node_.id(), node_.node_ids(), config_);
        });
        node_.handle("topology", [this](const maelstrom::Message& request) {
            // The relay shape is chosen for latency and message count, so
            // the suggested topology is acknowledged but not used.
            node_.reply(request, maelstrom::json::object{{"type", "topology_ok"}});
        });
        node_.handle("broadcast", [this](const maelstrom::Message& request) {
            const auto* value = request.body.if_contains("message");
            if (value == nullptr) {
                throw maelstrom::rpc_error(maelstrom::error_code::malformed_request,
                                           "broadcast needs a \"message\" field");
            }
            with_core([&](broadcast::BroadcastCore& core, std::vector<broadcast::Outgoing>& out) {
                core.broadcast(*value, now(), out);
            });
            node_.reply(request, maelstrom::json::object{{"type", "broadcast_ok"}});
        });
        node_.handle("read", [this](const maelstrom::Message& request) {
            maelstrom::json::array messages;
            {
                std::lock_guard lock(mutex_);
                if (core_) {
                    messages = core_->values();
                }
            }
            node_.reply(request, maelstrom::json::object{{"type", "read_ok"},
                                                         {"messages", std::move(messages)}});
        });
        node_.handle("gossip", [this](const maelstrom::Message& message) {
            broadcast::GossipBody body;
            try {
                body = message.body_as<broadcast::GossipBody>();
            } catch (const std::exception& error) {
                maelstrom::log(maelstrom::log_level::warn, "ignoring malformed gossip from ",
                               message.src, ": ", error.what());
                return;
            }
            with_core([&](broadcast::BroadcastCore& core, std::vector<broadcast::Outgoing>& out) {
                if (!core.receive(message.src, body, now(), out)) {
                    maelstrom::log(maelstrom::log_level::warn, "ignoring gossip from ", message.src,
                                   ", which is not a peer");
                }
            });
        });
    }

    void run() {
        // With no batching the tick only drives acknowledgements and resends.
        const auto period =
            config_.interval.count() > 0 ? config_.interval : std::chrono::milliseconds(100);
        node_.every(period, [this] {
            with_core([](broadcast::BroadcastCore& core, std::vector<broadcast::Outgoing>& out) {
                core.tick(now(), out);
            });
        });
        node_.run();
    }

  private:
    template <class F>
    void with_core(F&& step) {
        std::vector<broadcast::Outgoing> out;
        {
            std::lock_guard lock(mutex_);
            if (!core_) {
                return;
            }
            step(*core_, out);
        }
        for (broadcast::Outgoing& message : out) {
            node_.send(std::move(message.dest), maelstrom::make_body(message.body));
        }
    }

    broadcast::Config config_;
    maelstrom::Node node_;
    std::mutex mutex_;
    std::optional<broadcast::BroadcastCore> core_;
};

}  // namespace

int main() {
    std::string problems;
    const broadcast::Config config = broadcast::config_from_environment(problems);
    if (!problems.empty()) {
        maelstrom::log(maelstrom::log_level::warn, "broadcast settings: ", problems);
    }
    BroadcastNode node(config);
    node.run();
}
