#include "run/store.hpp"

#include <chrono>
#include <ctime>
#include <fstream>

#include "checkers/history_util.hpp"

namespace sim {
namespace {

std::string timestamp() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &tm);
    char out[96];
    std::snprintf(out, sizeof out, "%s.%03d+0000", buf, static_cast<int>(ms));
    return out;
}

void point_symlink(const std::filesystem::path& link, const std::filesystem::path& target) {
    std::error_code ec;
    std::filesystem::remove(link, ec);
    std::filesystem::create_directory_symlink(target, link, ec);
}

}  // namespace

std::filesystem::path make_store_dir(const std::filesystem::path& root,
                                     const std::string& workload) {
    std::filesystem::path dir = root / workload / timestamp();
    for (int k = 1; std::filesystem::exists(dir); ++k) {
        dir = root / workload / (timestamp() + "-" + std::to_string(k));
    }
    std::filesystem::create_directories(dir / "node-logs");
    const auto relative = std::filesystem::path(workload) / dir.filename();
    point_symlink(root / "latest", relative);
    point_symlink(root / "current", relative);
    point_symlink(root / workload / "latest", dir.filename());
    return dir;
}

boost::json::value op_to_json(const Op& op) {
    boost::json::object o{{"index", op.index},
                          {"time", op.time_ns},
                          {"type", to_string(op.type)},
                          {"f", op.f},
                          {"value", op.value}};
    o["process"] = op.process == kNemesisProcess ? boost::json::value("nemesis")
                                                 : boost::json::value(op.process);
    if (op.error) {
        o["error"] = *op.error;
    }
    if (op.final) {
        o["final?"] = true;
    }
    if (op.exception) {
        o["exception"] = *op.exception;
    }
    return o;
}

void write_run_files(const std::filesystem::path& dir, const RunRecord& record,
                     const boost::json::object& results) {
    std::ofstream(dir / "results.json") << boost::json::serialize(results) << '\n';
    // history.json is written one operation at a time: a long broadcast run's reads carry
    // every value seen so far, and one JSON array of all of them would double the history's
    // footprint in memory.
    std::ofstream json(dir / "history.json");
    std::ofstream text(dir / "history.txt");
    json << '[';
    bool first = true;
    for (const Op& op : record.history) {
        json << (first ? "" : ",") << boost::json::serialize(op_to_json(op));
        first = false;
        text << (op.process == kNemesisProcess ? std::string(":nemesis")
                                               : std::to_string(op.process))
             << '\t' << ':' << to_string(op.type) << '\t' << ':' << op.f << '\t'
             << boost::json::serialize(op.value);
        if (op.error) {
            text << '\t' << boost::json::serialize(*op.error);
        }
        text << '\n';
    }
    json << "]\n";
}

}  // namespace sim
