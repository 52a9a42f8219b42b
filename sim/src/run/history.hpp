#pragma once
// A Jepsen-style history: what every workload's client records and every
// checker reads. Values use the JSON shapes Maelstrom's clients record
// (e.g. kafka send: [["send", "k", [offset, msg]]], txn: [["r", k, v], ["w", k, v]]).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sim {

enum class OpType { invoke, ok, fail, info };

// The nemesis records its operations under this process number.
inline constexpr std::int64_t kNemesisProcess = -1;

struct Op {
    std::int64_t index = 0;    // position in the history, dense from 0
    std::int64_t time_ns = 0;  // since the start of the run
    std::int64_t process = 0;  // worker process, or kNemesisProcess
    OpType type = OpType::invoke;
    std::string f;  // "echo", "send", "poll", "txn", "start-partition", ...
    boost::json::value value;
    std::optional<boost::json::value> error;  // e.g. "net-timeout" or [code-name, text]
    // Maelstrom's :final? flag: set on the reads of the final phase.
    bool final = false;
    // Set when the client threw (malformed reply, or an error under a
    // workload without error mapping); the op is then :info.
    std::optional<std::string> exception;
};

using History = std::vector<Op>;

enum class Validity { valid, invalid, unknown };

// What a checker returns: the verdict, and a JSON report shaped like the
// corresponding section of Maelstrom's results.edn (keys without the leading
// colon, e.g. "valid?", "lost-count").
struct CheckResult {
    Validity valid = Validity::valid;
    boost::json::object report;
};

}  // namespace sim
