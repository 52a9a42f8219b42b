// PN-counter node for Maelstrom's pn-counter workload. Adds and reads are
// answered from memory at once; the CRDT state (counter.hpp) is replicated in
// rounds aligned to the clock (round_timing.hpp) through a hub, and resent
// until acknowledged, so the final reads after a heal are exact.
#include <algorithm>
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

// Only the final reads are checked, so the period trades messages against
// freshness alone. After the heal a leaf's next round reaches the hub within
// a period, and the hub forwards it an offset later: 6 s and 1 s leave 3 s of
// the 10 s before the final reads for the network and for rounds that fire
// late on a loaded host. The offset is that generous because a hub round that
// fires before the leaves' would forward their counts only a period later.
namespace {

constexpr rounds::Timing kRounds{std::chrono::milliseconds(6000)};

rounds::Timing with_hub_offset(rounds::Timing timing) {
    timing.hub_offset = std::clamp(timing.period / 6, std::chrono::milliseconds(60),
                                   std::chrono::milliseconds(1000));
    return timing;
}

}  // namespace

int main() {
    std::string problems;
    const auto timing = rounds::timing_from([](const char* name) { return std::getenv(name); },
                                            "PNCOUNTER_ROUND_MS", kRounds, problems);
    if (!problems.empty()) {
        maelstrom::log(maelstrom::log_level::warn, "pn-counter settings: ", problems);
    }
    CounterNode node(with_hub_offset(timing));
    node.run();
}
