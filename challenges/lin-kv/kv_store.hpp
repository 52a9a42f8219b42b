#pragma once
// The replicated state machine: a map of keys to values that applies the
// workload's read, write and cas commands in log order. Every node applies
// the same commands, so every node computes the same results; the node that
// took the client's request sends its result.
#include <cstdint>
#include <maelstrom/maelstrom.hpp>
#include <optional>
#include <string>
#include <unordered_map>

namespace lin_kv {

// A client operation as it travels in the log. `tag` names the node that
// proposed it and a number unique on that node, so the proposer recognises its
// own command when it is applied.
struct Command {
    std::string op;  // "read", "write" or "cas"
    maelstrom::json::value key;
    maelstrom::json::value value;  // write
    maelstrom::json::value from;   // cas
    maelstrom::json::value to;     // cas
    std::string tag;
};
BOOST_DESCRIBE_STRUCT(Command, (), (op, key, value, from, to, tag))

// What the client is told: a reply body, or an error.
struct Outcome {
    maelstrom::json::object reply;
    std::optional<maelstrom::error_code> error;
    std::string text;
};

class KvStore {
  public:
    Outcome apply(const Command& command);
    const std::unordered_map<maelstrom::json::value, maelstrom::json::value>& data() const {
        return data_;
    }

  private:
    std::unordered_map<maelstrom::json::value, maelstrom::json::value> data_;
};

}  // namespace lin_kv
