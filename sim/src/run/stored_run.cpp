#include "run/stored_run.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace sim {
namespace {

boost::json::array string_array(const std::vector<std::string>& values) {
    boost::json::array out;
    for (const auto& v : values) {
        out.emplace_back(v);
    }
    return out;
}

std::vector<std::string> strings(const boost::json::value* v) {
    std::vector<std::string> out;
    if (v != nullptr && v->is_array()) {
        for (const auto& s : v->as_array()) {
            if (s.is_string()) {
                out.emplace_back(s.as_string());
            }
        }
    }
    return out;
}

template <typename T>
void read_number(const boost::json::object& json, const char* key, T& field) {
    if (const auto* v = json.if_contains(key); v != nullptr && v->is_number()) {
        field = v->to_number<T>();
    }
}

void read_string(const boost::json::object& json, const char* key, std::string& field) {
    if (const auto* v = json.if_contains(key); v != nullptr && v->is_string()) {
        field = std::string(v->as_string());
    }
}

}  // namespace

boost::json::object options_to_json(const Options& o) {
    boost::json::object j{
        {"workload", o.workload},
        {"bin", o.bin},
        {"nodes", string_array(o.nodes)},
        {"concurrency", o.concurrency},
        {"time-limit", o.time_limit_s},
        {"rate", o.rate},
        {"latency", o.latency_ms},
        {"latency-dist", to_string(o.latency_dist)},
        {"nemesis", o.nemesis_partition ? string_array({"partition"}) : boost::json::array{}},
        {"nemesis-interval", o.nemesis_interval_s},
        {"topology", o.topology},
        {"max-txn-length", o.max_txn_length},
        {"max-writes-per-key", o.max_writes_per_key},
        {"consistency-models", string_array(o.consistency_models)},
        {"seed", o.seed},
        {"recovery-time", o.recovery_time_s},
        {"targets", o.targets},
        {"node-args", string_array(o.node_args)}};
    if (o.availability_total) {
        j["availability"] = "total";
    } else if (o.availability) {
        j["availability"] = *o.availability;
    }
    if (o.key_count) {
        j["key-count"] = *o.key_count;
    }
    return j;
}

Options options_from_json(const boost::json::object& j) {
    Options o;
    read_string(j, "workload", o.workload);
    read_string(j, "bin", o.bin);
    o.nodes = strings(j.if_contains("nodes"));
    read_number(j, "concurrency", o.concurrency);
    o.concurrency_spec = std::to_string(o.concurrency);
    read_number(j, "time-limit", o.time_limit_s);
    read_number(j, "rate", o.rate);
    read_number(j, "latency", o.latency_ms);
    std::string dist;
    read_string(j, "latency-dist", dist);
    if (auto d = parse_latency_dist(dist)) {
        o.latency_dist = *d;
    }
    const auto nemesis = strings(j.if_contains("nemesis"));
    o.nemesis_partition = std::find(nemesis.begin(), nemesis.end(), "partition") != nemesis.end();
    read_number(j, "nemesis-interval", o.nemesis_interval_s);
    read_string(j, "topology", o.topology);
    read_number(j, "max-txn-length", o.max_txn_length);
    read_number(j, "max-writes-per-key", o.max_writes_per_key);
    if (j.contains("consistency-models")) {
        o.consistency_models = strings(j.if_contains("consistency-models"));
    }
    if (j.contains("seed")) {
        read_number(j, "seed", o.seed);
        o.seed_given = true;
    }
    read_number(j, "recovery-time", o.recovery_time_s);
    read_string(j, "targets", o.targets);
    o.node_args = strings(j.if_contains("node-args"));
    if (const auto* a = j.if_contains("availability")) {
        if (a->is_string() && a->as_string() == "total") {
            o.availability = 1.0;
            o.availability_total = true;
        } else if (a->is_number()) {
            o.availability = a->to_number<double>();
        }
    }
    if (const auto* k = j.if_contains("key-count"); k != nullptr && k->is_number()) {
        o.key_count = k->to_number<int>();
    }
    return o;
}

void write_test_file(const std::filesystem::path& run_dir, const Options& options) {
    std::ofstream(run_dir / "test.json")
        << boost::json::serialize(options_to_json(options)) << '\n';
}

Op op_from_json(const boost::json::object& j) {
    Op op;
    op.index = j.at("index").to_number<std::int64_t>();
    op.time_ns = j.at("time").to_number<std::int64_t>();
    const auto& process = j.at("process");
    op.process = process.is_string() ? kNemesisProcess : process.to_number<std::int64_t>();
    const auto type = j.at("type").as_string();
    op.type = type == "ok"     ? OpType::ok
              : type == "fail" ? OpType::fail
              : type == "info" ? OpType::info
                               : OpType::invoke;
    op.f = std::string(j.at("f").as_string());
    if (const auto* v = j.if_contains("value")) {
        op.value = *v;
    }
    if (const auto* e = j.if_contains("error")) {
        op.error = *e;
    }
    if (const auto* f = j.if_contains("final?"); f != nullptr && f->is_bool()) {
        op.final = f->as_bool();
    }
    if (const auto* e = j.if_contains("exception"); e != nullptr && e->is_string()) {
        op.exception = std::string(e->as_string());
    }
    return op;
}

std::optional<boost::json::value> read_json_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    auto value = boost::json::parse(text.str(), ec);
    if (ec) {
        return std::nullopt;
    }
    return value;
}

History read_history(const std::filesystem::path& file) {
    const auto json = read_json_file(file);
    if (!json || !json->is_array()) {
        throw std::runtime_error("cannot read a history from " + file.string());
    }
    History history;
    history.reserve(json->as_array().size());
    try {
        for (const auto& op : json->as_array()) {
            history.push_back(op_from_json(op.as_object()));
        }
    } catch (const std::exception& e) {
        throw std::runtime_error("malformed operation in " + file.string() + ": " + e.what());
    }
    return history;
}

std::vector<std::filesystem::path> list_runs(const std::filesystem::path& store_root) {
    // A run directory's name is its start time (yyyyMMddTHHmmss.SSS+0000, then -k if taken).
    static const std::regex kRunName(R"(\d{8}T\d{6}\.\d{3}\+0000(-\d+)?)");
    std::vector<std::filesystem::path> runs;
    std::error_code ec;
    for (const auto& workload : std::filesystem::directory_iterator(store_root, ec)) {
        if (workload.is_symlink() || !workload.is_directory()) {
            continue;
        }
        std::error_code inner;
        for (const auto& run : std::filesystem::directory_iterator(workload.path(), inner)) {
            if (!run.is_symlink() && run.is_directory() &&
                std::regex_match(run.path().filename().string(), kRunName)) {
                runs.push_back(run.path());
            }
        }
    }
    std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) {
        return std::pair(a.filename(), a) < std::pair(b.filename(), b);
    });
    return runs;
}

std::optional<std::filesystem::path> find_run(const std::filesystem::path& store_root,
                                              const std::string& index_or_path) {
    static const std::regex kIndex(R"(-?\d+)");
    if (std::regex_match(index_or_path, kIndex)) {
        const auto runs = list_runs(store_root);
        const auto n = static_cast<long long>(runs.size());
        long long i = std::stoll(index_or_path);
        if (i < 0) {
            i += n;
        }
        if (i < 0 || i >= n) {
            return std::nullopt;
        }
        return runs[static_cast<std::size_t>(i)];
    }
    if (std::filesystem::is_regular_file(std::filesystem::path(index_or_path) / "history.json")) {
        return std::filesystem::path(index_or_path);
    }
    return std::nullopt;
}

}  // namespace sim
