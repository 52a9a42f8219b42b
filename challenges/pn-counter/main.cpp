// PN-counter node for Maelstrom's pn-counter workload. Adds and reads are
// answered from memory at once; the CRDT state (counter.hpp) is replicated in
// rounds aligned to the clock (round_timing.hpp) through a hub, and resent
// until acknowledged, so the final reads after a heal are exact.
#include <chrono>
#include <cstdlib>
#include <maelstrom/maelstrom.hpp>
#include <mutex>
#include <optional>
#include <string>

#include "pn-counter/counter.hpp"
#include "rounds/round_timing.hpp"

namespace {

namespace json = maelstrom::json;

class CounterNode {
  public:
    explicit CounterNode(rounds::Timing timing) : timing_(timing) {
        node_.on_init([this] {
            std::lock_guard lock(mutex_);
            counter_.emplace(node_.id(), node_.node_ids(), timing_.fallback_rounds);
        });
        node_.handle("add", [this](const maelstrom::Message& request) {
            const auto delta = request.get<std::int64_t>("delta");
            bool added = false;
            {
                std::lock_guard lock(mutex_);
                added = counter_->add(delta);
            }
            if (!added) {
                throw maelstrom::rpc_error(maelstrom::error_code::malformed_request,
                                           "the counter would overflow");
            }
            node_.reply(request, json::object{{"type", "add_ok"}});
        });
        node_.handle("read", [this](const maelstrom::Message& request) {
            std::int64_t value = 0;
            {
                std::lock_guard lock(mutex_);
                value = counter_->value();
            }
            node_.reply(request, json::object{{"type", "read_ok"}, {"value", value}});
        });
        node_.handle("counts", [this](const maelstrom::Message& message) {
            pn_counter::CountsBody body;
            try {
                body = message.body_as<pn_counter::CountsBody>();
            } catch (const std::exception& error) {
                maelstrom::log(maelstrom::log_level::warn, "ignoring malformed counts from ",
                               message.src, ": ", error.what());
                return;
            }
            std::lock_guard lock(mutex_);
            counter_->receive(message.src, body);
        });
    }

    void run() {
        rounds::gossip_in_rounds(
            node_, timing_, mutex_, counter_,
            [](const pn_counter::Outgoing& message) { return maelstrom::make_body(message.body); });
        node_.run();
    }

  private:
    rounds::Timing timing_;
    maelstrom::Node node_;
    std::mutex mutex_;
    std::optional<pn_counter::Counter> counter_;
};

}  // namespace

// The demo's period, which leaves 5 s of the 10 s before the final reads for
// a resend after the heal.
constexpr rounds::Timing kRounds{std::chrono::milliseconds(5000)};

int main() {
    std::string problems;
    const auto timing = rounds::timing_from([](const char* name) { return std::getenv(name); },
                                            "PNCOUNTER_ROUND_MS", kRounds, problems);
    if (!problems.empty()) {
        maelstrom::log(maelstrom::log_level::warn, "pn-counter settings: ", problems);
    }
    CounterNode node(timing);
    node.run();
}
