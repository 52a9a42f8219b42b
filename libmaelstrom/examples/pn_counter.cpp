// A PN-counter (pn-counter workload) kept in one seq-kv key. Partitions cut
// nodes off from each other, never from the services, and the nodes keep no
// state of their own, so partitions change nothing. One shared key rather than
// one per node: update() already keeps concurrent adds from overwriting each
// other, and a read then needs one fresh read instead of one per node.
#include <maelstrom/maelstrom.hpp>

using namespace maelstrom;

int main() {
    Node node;
    SeqKV kv(node);
    node.handle("add", [&](const Message& request) {
        const auto delta = request.get<std::int64_t>("delta");
        // seq-kv applies a compare-and-set that succeeds to its newest state, so
        // an add computed from a stale read fails and is retried instead of
        // overwriting an add made meanwhile.
        kv.update<std::int64_t>(
            "counter", [delta](std::int64_t value) { return value + delta; }, 0);
        node.reply(request, {{"type", "add_ok"}});
    });
    node.handle("read", [&](const Message& request) {
        // A plain seq-kv read may return a state older than adds already
        // acknowledged by other nodes; the final reads must count them all.
        const auto value = kv.read_fresh_or<std::int64_t>("counter", 0);
        node.reply(request, {{"type", "read_ok"}, {"value", value}});
    });
    node.run();
}
