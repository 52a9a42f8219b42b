// The lin-kv workload served by Maelstrom's lin-kv service: each request is
// forwarded with a blocking call. The service's errors (20 key-does-not-exist,
// 22 precondition-failed, 0 timeout) escape the handlers as rpc_error and reach
// the client with the same code, so a timeout stays indefinite there: the write
// may still have happened.
#include <maelstrom/maelstrom.hpp>

using namespace maelstrom;

int main() {
    Node node;
    LinKV kv(node);
    node.handle("read", [&](const Message& request) {
        node.reply(request, {{"type", "read_ok"}, {"value", kv.read(request.get("key"))}});
    });
    node.handle("write", [&](const Message& request) {
        kv.write(request.get("key"), request.get("value"));
        node.reply(request, {{"type", "write_ok"}});
    });
    node.handle("cas", [&](const Message& request) {
        kv.cas(request.get("key"), request.get("from"), request.get("to"));
        node.reply(request, {{"type", "cas_ok"}});
    });
    node.run();
}
