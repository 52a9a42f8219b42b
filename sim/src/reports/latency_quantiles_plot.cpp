#include "reports/latency_quantiles_plot.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "checkers/history_util.hpp"
#include "reports/svg_canvas.hpp"

namespace sim {
namespace {

using namespace plot;

struct Quantile {
    double q;
    const char* label;
    const char* colour;
};
// Colours run from cool to hot as the quantile rises, as in Jepsen's plot.
constexpr std::array<Quantile, 4> kQuantiles{{{0.5, "0.5", "#2a7fd4"},
                                              {0.95, "0.95", "#2ca02c"},
                                              {0.99, "0.99", "#e8a317"},
                                              {1.0, "1", "#d43a2a"}}};

// Maelstrom's rule: the element at min(N-1, floor(N*q)) of the sorted values.
double quantile_of(const std::vector<double>& sorted, double q) {
    const auto n = sorted.size();
    const auto i =
        std::min(n - 1, static_cast<std::size_t>(std::floor(static_cast<double>(n) * q)));
    return sorted[i];
}

}  // namespace

double quantile_window_s(double run_seconds) {
    return std::clamp(std::ceil(run_seconds / 15.0), 1.0, 30.0);
}

void write_latency_quantiles_plot(const std::filesystem::path& file, const RunRecord& record) {
    const double seconds = static_cast<double>(record.duration_ns) / 1e9;
    const double window = quantile_window_s(seconds);
    // f -> window number -> latencies (ms) of the ops invoked in that window.
    std::map<std::string, std::map<std::int64_t, std::vector<double>>> samples;
    double max_ms = 1;
    for (const auto& [invoke, done, ms] : client_latencies(record.history)) {
        const auto bucket =
            static_cast<std::int64_t>(static_cast<double>(invoke->time_ns) / 1e9 / window);
        samples[invoke->f][bucket].push_back(ms);
        max_ms = std::max(max_ms, ms);
    }
    std::ostringstream title;
    title << "Latency quantiles, ms, log scale, " << window << " s windows; grey = partitioned";
    Svg svg(title.str(), seconds);
    for (const auto& p : record.partitions) {
        const double end =
            p.end_ns < 0 ? static_cast<double>(record.duration_ns) : static_cast<double>(p.end_ns);
        svg.shade(static_cast<double>(p.start_ns) / 1e9, end / 1e9);
    }
    const LogLatencyAxis axis(svg, max_ms);
    const auto y = [&axis](double ms) { return axis.y(ms); };
    std::size_t row = 0;
    std::size_t f_number = 0;
    for (auto& [f, buckets] : samples) {
        // Operation kinds are told apart by dash pattern, quantiles by colour.
        const char* dash = f_number % 3 == 0 ? "none" : f_number % 3 == 1 ? "6,3" : "2,2";
        for (const auto& quantile : kQuantiles) {
            std::ostringstream path;
            bool first = true;
            for (auto& [bucket, values] : buckets) {
                std::sort(values.begin(), values.end());
                const double mid = (static_cast<double>(bucket) + 0.5) * window;
                const double px = svg.x(std::min(mid, std::max(seconds, 1.0)));
                const double py = y(quantile_of(values, quantile.q));
                path << (first ? "M" : " L") << px << "," << py;
                svg.raw() << "<circle cx=\"" << px << "\" cy=\"" << py << "\" r=\"2.5\" fill=\""
                          << quantile.colour << "\"/>\n";
                first = false;
            }
            svg.raw() << "<path d=\"" << path.str() << "\" fill=\"none\" stroke=\""
                      << quantile.colour << "\" stroke-width=\"1.5\" stroke-dasharray=\"" << dash
                      << "\"/>\n";
            svg.legend(row++, quantile.colour,
                       f + " " + quantile.label +
                           (f_number % 3 == 1   ? " (dashed)"
                            : f_number % 3 == 2 ? " (dotted)"
                                                : ""));
        }
        ++f_number;
    }
    svg.save(file);
}

}  // namespace sim
