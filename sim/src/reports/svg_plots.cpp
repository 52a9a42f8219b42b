#include "reports/svg_plots.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "checkers/history_util.hpp"
#include "reports/svg_canvas.hpp"

namespace sim {
namespace {

using namespace plot;

const char* colour(OpType type) {
    switch (type) {
        case OpType::ok:
            return "#2a7fd4";
        case OpType::fail:
            return "#d43a2a";
        case OpType::info:
            return "#e8a317";
        default:
            return "#888888";
    }
}

void shade_partitions(Svg& svg, const RunRecord& record) {
    for (const auto& p : record.partitions) {
        const double end =
            p.end_ns < 0 ? static_cast<double>(record.duration_ns) : static_cast<double>(p.end_ns);
        svg.shade(static_cast<double>(p.start_ns) / 1e9, end / 1e9);
    }
}

}  // namespace

void write_latency_plot(const std::filesystem::path& file, const RunRecord& record) {
    const double seconds = static_cast<double>(record.duration_ns) / 1e9;
    Svg svg("Latency (raw), ms, log scale; grey = network partitioned", seconds);
    shade_partitions(svg, record);
    struct Point {
        double t, ms;
        OpType type;
        std::string f;
    };
    std::vector<Point> points;
    double max_ms = 1;
    for (const auto& [invoke, done, ms] : client_latencies(record.history)) {
        points.push_back({static_cast<double>(invoke->time_ns) / 1e9, ms, done->type, invoke->f});
        max_ms = std::max(max_ms, ms);
    }
    const LogLatencyAxis axis(svg, max_ms);
    const auto y = [&axis](double ms) { return axis.y(ms); };
    std::map<std::string, int> shapes;
    for (const auto& p : points) {
        const int shape = shapes.emplace(p.f, static_cast<int>(shapes.size())).first->second;
        if (shape % 2 == 0) {
            svg.raw() << "<circle cx=\"" << svg.x(p.t) << "\" cy=\"" << y(p.ms)
                      << "\" r=\"2\" fill=\"" << colour(p.type) << "\" opacity=\"0.6\"/>\n";
        } else {
            svg.raw() << "<rect x=\"" << svg.x(p.t) - 2 << "\" y=\"" << y(p.ms) - 2
                      << "\" width=\"4\" height=\"4\" fill=\"" << colour(p.type)
                      << "\" opacity=\"0.6\"/>\n";
        }
    }
    std::size_t row = 0;
    for (const auto type : {OpType::ok, OpType::fail, OpType::info}) {
        svg.legend(row++, colour(type), to_string(type));
    }
    for (const auto& [f, shape] : shapes) {
        svg.legend(row++, "#ffffff", std::string(shape % 2 == 0 ? "circle: " : "square: ") + f);
    }
    svg.save(file);
}

void write_rate_plot(const std::filesystem::path& file, const RunRecord& record) {
    const double seconds = static_cast<double>(record.duration_ns) / 1e9;
    Svg svg("Throughput (completions per second); grey = network partitioned", seconds);
    shade_partitions(svg, record);
    const auto buckets = static_cast<std::size_t>(std::ceil(std::max(seconds, 1.0)));
    std::map<std::string, std::vector<double>> series;
    double max_rate = 1;
    for (const auto& op : record.history) {
        if (!is_client_op(op) || op.type == OpType::invoke) {
            continue;
        }
        auto& s = series[op.f + " " + to_string(op.type)];
        s.resize(buckets, 0.0);
        const auto b = std::min(buckets - 1, static_cast<std::size_t>(op.time_ns / 1'000'000'000));
        s[b] += 1;
        max_rate = std::max(max_rate, s[b]);
    }
    auto y = [&](double rate) { return kTop + kPlotH - rate / (max_rate * 1.1) * kPlotH; };
    std::vector<std::pair<double, std::string>> ticks;
    const double step = std::max(1.0, std::ceil(max_rate * 1.1 / 5));
    for (double v = 0; v <= max_rate * 1.1; v += step) {
        std::ostringstream label;
        label << v;
        ticks.emplace_back(y(v), label.str());
    }
    svg.axes("time (s)", "ops/s", ticks);
    std::size_t i = 0;
    for (const auto& [name, values] : series) {
        std::ostringstream path;
        for (std::size_t b = 0; b < values.size(); ++b) {
            path << (b == 0 ? "M" : " L") << svg.x(static_cast<double>(b) + 0.5) << ","
                 << y(values[b]);
        }
        svg.raw() << "<path d=\"" << path.str() << "\" fill=\"none\" stroke=\"" << palette(i)
                  << "\" stroke-width=\"1.5\"/>\n";
        svg.legend(i, palette(i), name);
        ++i;
    }
    svg.save(file);
}

void write_resources_plot(const std::filesystem::path& file, const RunRecord& record) {
    std::map<std::string, std::vector<std::pair<double, double>>> series;
    double max_s = static_cast<double>(record.duration_ns) / 1e9;
    double max_mib = 1;
    for (const auto& sample : record.resources) {
        if (!sample.rss_kib) {
            continue;
        }
        const double mib = static_cast<double>(*sample.rss_kib) / 1024.0;
        series[sample.node].emplace_back(sample.time_s, mib);
        max_mib = std::max(max_mib, mib);
        max_s = std::max(max_s, sample.time_s);
    }
    Svg svg("Resident memory per node (MiB); grey = network partitioned", max_s);
    shade_partitions(svg, record);
    // The axis starts at zero so that growth is shown at its true proportion.
    const double top = max_mib * 1.1;
    auto y = [&](double mib) { return kTop + kPlotH - mib / top * kPlotH; };
    const double magnitude = std::pow(10.0, std::floor(std::log10(top / 5)));
    double step = magnitude;
    for (const double factor : {2.0, 5.0, 10.0}) {
        if (top / step <= 6) {
            break;
        }
        step = magnitude * factor;
    }
    std::vector<std::pair<double, std::string>> ticks;
    for (double v = 0; v <= top; v += step) {
        std::ostringstream label;
        label << v;
        ticks.emplace_back(y(v), label.str());
    }
    svg.axes("time (s)", "RSS (MiB)", ticks);
    // The legend column fits about this many rows.
    constexpr std::size_t kLegendRows = 17;
    std::size_t i = 0;
    for (const auto& [node, points] : series) {
        std::ostringstream path;
        for (std::size_t k = 0; k < points.size(); ++k) {
            path << (k == 0 ? "M" : " L") << svg.x(points[k].first) << "," << y(points[k].second);
        }
        svg.raw() << "<path d=\"" << path.str() << "\" fill=\"none\" stroke=\"" << palette(i)
                  << "\" stroke-width=\"1.2\" opacity=\"0.8\"/>\n";
        if (i + 1 < kLegendRows || series.size() <= kLegendRows) {
            svg.legend(i, palette(i), node);
        } else if (i + 1 == kLegendRows) {
            svg.legend(i, "#ffffff",
                       "+" + std::to_string(series.size() - kLegendRows + 1) + " more nodes");
        }
        ++i;
    }
    svg.save(file);
}

}  // namespace sim
