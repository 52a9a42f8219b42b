// A grow-only set (g-set workload) replicated by gossip. Each node keeps, per
// peer, the elements it took from clients that the peer has not acknowledged
// yet, and resends them on every tick until the peer does: a gossip message
// lost to a partition is sent again after it heals, so no acknowledged add is
// lost. Elements may be any JSON value, hence json_less.
#include <chrono>
#include <maelstrom/maelstrom.hpp>
#include <map>
#include <mutex>
#include <set>

using namespace maelstrom;
using Elements = std::set<json::value, json_less>;

int main() {
    Node node;
    std::mutex mutex;
    Elements elements;
    std::map<std::string, Elements> unacked;  // by peer
    node.handle("add", [&](const Message& request) {
        const auto element = request.get("element");
        {
            std::lock_guard lock(mutex);
            elements.insert(element);
            for (const auto& peer : node.peer_ids()) {
                unacked[peer].insert(element);
            }
        }
        node.reply(request, {{"type", "add_ok"}});
    });
    node.handle("read", [&](const Message& request) {
        std::unique_lock lock(mutex);
        json::array value(elements.begin(), elements.end());
        lock.unlock();
        node.reply(request, {{"type", "read_ok"}, {"value", std::move(value)}});
    });
    node.handle("gossip", [&](const Message& message) {
        const auto batch = message.get<json::array>("elements");
        {
            std::lock_guard lock(mutex);
            elements.insert(batch.begin(), batch.end());
        }
        node.reply(message, {{"type", "gossip_ok"}});
    });
    node.every(std::chrono::milliseconds(200), [&] {
        for (const auto& peer : node.peer_ids()) {
            std::unique_lock lock(mutex);
            json::array batch(unacked[peer].begin(), unacked[peer].end());
            lock.unlock();
            if (batch.empty()) {
                continue;
            }
            node.rpc(peer, {{"type", "gossip"}, {"elements", batch}},
                     [&, peer, batch](std::optional<rpc_error> error, Message) {
                         if (error) {
                             return;  // still unacknowledged: the next tick resends it
                         }
                         std::lock_guard guard(mutex);
                         for (const auto& element : batch) {
                             unacked[peer].erase(element);
                         }
                     });
        }
    });
    node.run();
}
