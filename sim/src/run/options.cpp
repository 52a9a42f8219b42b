#include "run/options.hpp"

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace sim {
namespace {

struct ParseFailure {
    std::string message;
};

std::int64_t parse_int(const std::string& option, const std::string& text, std::int64_t min) {
    std::size_t used = 0;
    std::int64_t value = 0;
    try {
        value = std::stoll(text, &used);
    } catch (const std::exception&) {
        throw ParseFailure{option + ": expected an integer, got \"" + text + "\""};
    }
    if (used != text.size()) {
        throw ParseFailure{option + ": expected an integer, got \"" + text + "\""};
    }
    if (value < min) {
        throw ParseFailure{option + ": must be at least " + std::to_string(min) + ", got " + text};
    }
    return value;
}

double parse_double(const std::string& option, const std::string& text, double min) {
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        throw ParseFailure{option + ": expected a number, got \"" + text + "\""};
    }
    if (used != text.size() || !(value >= min)) {
        throw ParseFailure{option + ": expected a number >= " + std::to_string(min) + ", got \"" +
                           text + "\""};
    }
    return value;
}

std::vector<std::string> split(const std::string& text, const std::regex& separator) {
    std::vector<std::string> out;
    std::sregex_token_iterator it(text.begin(), text.end(), separator, -1);
    for (; it != std::sregex_token_iterator(); ++it) {
        if (!it->str().empty()) {
            out.push_back(*it);
        }
    }
    return out;
}

const std::set<std::string> kFlags{"--log-stderr", "--log-net-send", "--log-net-recv"};
const std::set<std::string> kValued{"-w",
                                    "--workload",
                                    "--bin",
                                    "--node-count",
                                    "--rate",
                                    "--latency",
                                    "--latency-dist",
                                    "--nemesis",
                                    "--nemesis-interval",
                                    "--availability",
                                    "--topology",
                                    "--key-count",
                                    "--max-txn-length",
                                    "--max-writes-per-key",
                                    "--consistency-models",
                                    "--concurrency",
                                    "--time-limit",
                                    "--test-count",
                                    "--seed",
                                    "--recovery-time",
                                    "--targets",
                                    "--store",
                                    "-n",
                                    "--node",
                                    "--nodes",
                                    "--nodes-file"};
const std::set<std::string> kUnsupported{
    "--leave-db-running",         "--logging-json", "--username",       "--password",
    "--strict-host-key-checking", "--no-ssh",       "--ssh-private-key"};
const std::set<std::string> kTopologies{"grid", "line", "total", "tree", "tree2", "tree3", "tree4"};

Options parse(const std::vector<std::string>& args) {
    if (args.empty()) {
        throw ParseFailure{"missing command (expected: test, analyze or serve)"};
    }
    if (args[0] != "test") {
        throw ParseFailure{"command \"" + args[0] +
                           "\" is not supported by this bench (only test, analyze and serve are)"};
    }
    Options o;
    std::optional<std::int64_t> node_count;
    std::vector<std::string> nodes_list;
    std::vector<std::string> nodes_file;
    std::vector<std::string> node_flags;
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string arg = args[i];
        if (arg.size() < 2 || arg[0] != '-') {
            o.node_args.push_back(arg);
            continue;
        }
        std::optional<std::string> inline_value;
        if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            inline_value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        }
        if (kUnsupported.count(arg) != 0) {
            throw ParseFailure{arg + " is not supported by this bench"};
        }
        if (kFlags.count(arg) != 0) {
            if (inline_value) {
                throw ParseFailure{arg + " takes no value"};
            }
            if (arg == "--log-stderr") {
                o.log_stderr = true;
            } else if (arg == "--log-net-send") {
                o.log_net_send = true;
            } else {
                o.log_net_recv = true;
            }
            continue;
        }
        if (kValued.count(arg) == 0) {
            throw ParseFailure{"unknown option " + arg};
        }
        std::string value;
        if (inline_value) {
            value = *inline_value;
        } else {
            if (i + 1 >= args.size()) {
                throw ParseFailure{arg + " needs a value"};
            }
            value = args[++i];
        }
        if (arg == "-w" || arg == "--workload") {
            o.workload = value;
        } else if (arg == "--bin") {
            o.bin = value;
        } else if (arg == "--node-count") {
            node_count = parse_int(arg, value, 1);
        } else if (arg == "--rate") {
            o.rate = parse_double(arg, value, 0.0);
        } else if (arg == "--latency") {
            o.latency_ms = parse_int(arg, value, 0);
        } else if (arg == "--latency-dist") {
            auto dist = parse_latency_dist(value);
            if (!dist) {
                throw ParseFailure{
                    "--latency-dist: expected constant, uniform or exponential, got \"" + value +
                    "\""};
            }
            o.latency_dist = *dist;
        } else if (arg == "--nemesis") {
            for (const auto& fault : split(value, std::regex("\\s*,\\s*"))) {
                if (fault != "partition") {
                    throw ParseFailure{"--nemesis: unknown fault \"" + fault +
                                       "\" (only partition exists)"};
                }
                o.nemesis_partition = true;
            }
        } else if (arg == "--nemesis-interval") {
            o.nemesis_interval_s = parse_double(arg, value, 0.0);
            if (o.nemesis_interval_s <= 0) {
                throw ParseFailure{"--nemesis-interval: must be positive"};
            }
        } else if (arg == "--availability") {
            if (value == "total") {
                o.availability = 1.0;
                o.availability_total = true;
            } else {
                o.availability = parse_double(arg, value, 0.0);
                if (*o.availability > 1.0) {
                    throw ParseFailure{"--availability: expected total or a number in [0,1]"};
                }
            }
        } else if (arg == "--topology") {
            if (kTopologies.count(value) == 0) {
                throw ParseFailure{"--topology: unknown topology \"" + value +
                                   "\" (grid, line, total, tree, tree2, tree3, tree4)"};
            }
            o.topology = value;
        } else if (arg == "--key-count") {
            o.key_count = static_cast<int>(parse_int(arg, value, 1));
        } else if (arg == "--max-txn-length") {
            o.max_txn_length = static_cast<int>(parse_int(arg, value, 1));
        } else if (arg == "--max-writes-per-key") {
            o.max_writes_per_key = static_cast<int>(parse_int(arg, value, 1));
        } else if (arg == "--consistency-models") {
            // Maelstrom's split needs whitespace around the comma.
            o.consistency_models = split(value, std::regex("\\s+,\\s+"));
        } else if (arg == "--concurrency") {
            if (!std::regex_match(value, std::regex("^\\d+n?$"))) {
                throw ParseFailure{"--concurrency: must be an integer, optionally followed by n"};
            }
            o.concurrency_spec = value;
        } else if (arg == "--time-limit") {
            o.time_limit_s = parse_int(arg, value, 1);
        } else if (arg == "--test-count") {
            o.test_count = static_cast<int>(parse_int(arg, value, 1));
        } else if (arg == "--seed") {
            o.seed = static_cast<std::uint64_t>(parse_int(arg, value, 0));
            o.seed_given = true;
        } else if (arg == "--recovery-time") {
            o.recovery_time_s = parse_double(arg, value, 0.0);
        } else if (arg == "--targets") {
            o.targets = value;
        } else if (arg == "--store") {
            o.store = value;
        } else if (arg == "-n" || arg == "--node") {
            node_flags.push_back(value);
        } else if (arg == "--nodes") {
            auto list = split(value, std::regex(",\\s*"));
            nodes_list.insert(nodes_list.end(), list.begin(), list.end());
        } else if (arg == "--nodes-file") {
            std::ifstream in(value);
            if (!in) {
                throw ParseFailure{"--nodes-file: cannot read " + value};
            }
            for (std::string line; std::getline(in, line);) {
                if (!line.empty()) {
                    nodes_file.push_back(line);
                }
            }
        }
    }
    if (o.bin.empty()) {
        throw ParseFailure{"Expected a --bin PATH_TO_BINARY to test"};
    }
    if (node_count) {
        nodes_list.clear();
        for (std::int64_t k = 0; k < *node_count; ++k) {
            nodes_list.push_back("n" + std::to_string(k));
        }
    }
    o.nodes = nodes_file;
    o.nodes.insert(o.nodes.end(), nodes_list.begin(), nodes_list.end());
    o.nodes.insert(o.nodes.end(), node_flags.begin(), node_flags.end());
    if (o.nodes.empty()) {
        o.nodes = {"n1", "n2", "n3", "n4", "n5"};
    }
    std::set<std::string> distinct;
    for (const auto& node : o.nodes) {
        if (!distinct.insert(node).second) {
            throw ParseFailure{"node " + node + " is listed twice"};
        }
        if (node.empty() || node[0] == 'c' || node == "lin-kv" || node == "seq-kv" ||
            node == "lww-kv" || node == "lin-tso") {
            throw ParseFailure{"node name " + node +
                               " is not allowed (it would be taken for a client or a service)"};
        }
    }
    const std::string& c = o.concurrency_spec;
    const auto base = std::stoll(c.back() == 'n' ? c.substr(0, c.size() - 1) : c);
    o.concurrency =
        static_cast<int>(c.back() == 'n' ? base * static_cast<std::int64_t>(o.nodes.size()) : base);
    if (o.concurrency < 1) {
        throw ParseFailure{"--concurrency: must be at least 1"};
    }
    if (o.latency_ms == 0 && o.latency_dist != LatencyDist::constant) {
        throw ParseFailure{"--latency-dist " + to_string(o.latency_dist) +
                           " needs --latency > 0 (Maelstrom hangs or fails at startup)"};
    }
    return o;
}

}  // namespace

std::variant<Options, HelpRequested, ParseError> parse_options(
    const std::vector<std::string>& args) {
    for (const auto& arg : args) {
        if (arg == "-h" || arg == "--help") {
            return HelpRequested{};
        }
    }
    try {
        return parse(args);
    } catch (const ParseFailure& failure) {
        return ParseError{failure.message};
    }
}

std::string usage() {
    std::ostringstream out;
    out << "Usage: maelstrom-sim test -w WORKLOAD --bin PATH [options] [node args...]\n"
           "       maelstrom-sim analyze [-t INDEX_OR_PATH] [--store DIR]\n"
           "       maelstrom-sim serve [--host HOST] [--port PORT] [--store DIR]\n\n"
           "  -w, --workload NAME        workload (default lin-kv)\n"
           "      --bin FILE             node executable (required)\n"
           "      --node-count NUM       nodes n0..n(NUM-1) (default n1..n5)\n"
           "  -n, --node ID / --nodes A,B / --nodes-file FILE   explicit node ids\n"
           "      --time-limit SECONDS   length of the main phase (default 60)\n"
           "      --rate RATE            client ops/s, global (default 5)\n"
           "      --concurrency N|Nn     worker threads (default 1n)\n"
           "      --latency MILLIS       mean message latency (default 0)\n"
           "      --latency-dist TYPE    constant, uniform or exponential (default constant)\n"
           "      --nemesis partition    network partitions\n"
           "      --nemesis-interval S   mean seconds between nemesis ops (default 10)\n"
           "      --topology KIND        broadcast: grid line total tree tree2 tree3 tree4\n"
           "      --availability A       total, or minimum ok fraction in [0,1]\n"
           "      --key-count N, --max-txn-length N, --max-writes-per-key N,\n"
           "      --consistency-models M txn and kafka workloads\n"
           "      --log-stderr           copy node stderr to the terminal\n"
           "      --log-net-send, --log-net-recv   log every message sent / delivered\n"
           "      --test-count N         run the test N times, stopping at the first invalid run\n"
           "  bench extensions:\n"
           "      --seed N               seed for every random choice (default: random, printed)\n"
           "      --recovery-time S      quiet period before final reads (default 10)\n"
           "      --targets PART         judge against a Gossip Glomers part (1, 2, 3a..3e, 4, "
           "5a..5c, 6a..6c)\n"
           "      --store DIR            store directory (default store)\n\n"
           "analyze: checks a stored run again (-t: -1 the latest, -2 the one before, 0 the\n"
           "  first, or a run directory) and exits as test does.\n"
           "serve: serves the store's runs over HTTP (default host 0.0.0.0, port 8080).\n";
    return out.str();
}

}  // namespace sim
