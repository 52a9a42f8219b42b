#pragma once
// The small SVG writer behind the bench's plots: one fixed-size canvas with a
// time axis, tick labels and a legend column on the right, so that every plot
// of a run lines up when shown one above the other.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "reports/xml_escape.hpp"

namespace sim {
namespace plot {

constexpr double kWidth = 900, kHeight = 420, kLeft = 70, kRight = 170, kTop = 40, kBottom = 50;
constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;

inline const char* palette(std::size_t i) {
    static const char* colours[] = {"#2a7fd4", "#2ca02c", "#9467bd", "#8c564b",
                                    "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};
    return colours[i % 8];
}

class Svg {
  public:
    Svg(const std::string& title, double max_x) : max_x_(std::max(max_x, 1.0)) {
        out_ << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\""
             << kHeight << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
             << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
             << "<text x=\"" << kWidth / 2 << "\" y=\"22\" text-anchor=\"middle\" "
             << "font-size=\"15\">" << xml_escape(title) << "</text>\n";
    }
    double x(double seconds) const { return kLeft + seconds / max_x_ * kPlotW; }
    void shade(double from_s, double to_s) {
        out_ << "<rect x=\"" << x(from_s) << "\" y=\"" << kTop << "\" width=\""
             << std::max(1.0, x(to_s) - x(from_s)) << "\" height=\"" << kPlotH
             << "\" fill=\"#d9d9d9\" opacity=\"0.6\"/>\n";
    }
    void axes(const std::string& x_label, const std::string& y_label,
              const std::vector<std::pair<double, std::string>>& y_ticks) {
        out_ << "<line x1=\"" << kLeft << "\" y1=\"" << kTop + kPlotH << "\" x2=\""
             << kLeft + kPlotW << "\" y2=\"" << kTop + kPlotH << "\" stroke=\"black\"/>\n"
             << "<line x1=\"" << kLeft << "\" y1=\"" << kTop << "\" x2=\"" << kLeft << "\" y2=\""
             << kTop + kPlotH << "\" stroke=\"black\"/>\n";
        const double step = std::max(1.0, std::pow(10.0, std::floor(std::log10(max_x_))) / 2);
        for (double s = 0; s <= max_x_ + 1e-9; s += step) {
            out_ << "<text x=\"" << x(s) << "\" y=\"" << kTop + kPlotH + 16
                 << "\" text-anchor=\"middle\">" << s << "</text>\n";
        }
        for (const auto& [y, label] : y_ticks) {
            out_ << "<line x1=\"" << kLeft - 4 << "\" y1=\"" << y << "\" x2=\"" << kLeft + kPlotW
                 << "\" y2=\"" << y << "\" stroke=\"#eeeeee\"/>\n"
                 << "<text x=\"" << kLeft - 6 << "\" y=\"" << y + 4 << "\" text-anchor=\"end\">"
                 << label << "</text>\n";
        }
        out_ << "<text x=\"" << kLeft + kPlotW / 2 << "\" y=\"" << kHeight - 10
             << "\" text-anchor=\"middle\">" << xml_escape(x_label) << "</text>\n"
             << "<text transform=\"translate(16," << kTop + kPlotH / 2
             << ") rotate(-90)\" text-anchor=\"middle\">" << xml_escape(y_label) << "</text>\n";
    }
    void legend(std::size_t row, const std::string& colour_code, const std::string& label) {
        const double y = kTop + 10 + static_cast<double>(row) * 18;
        out_ << "<rect x=\"" << kLeft + kPlotW + 14 << "\" y=\"" << y - 9
             << "\" width=\"10\" height=\"10\" fill=\"" << colour_code << "\"/>\n"
             << "<text x=\"" << kLeft + kPlotW + 30 << "\" y=\"" << y << "\">" << xml_escape(label)
             << "</text>\n";
    }
    std::ostringstream& raw() { return out_; }
    void save(const std::filesystem::path& file) {
        out_ << "</svg>\n";
        std::ofstream(file) << out_.str();
    }

  private:
    double max_x_;
    std::ostringstream out_;
};

// The latency plots' y axis: log scale from 0.1 ms up to the power of ten
// above the largest latency, drawn with the time axis on construction.
class LogLatencyAxis {
  public:
    LogLatencyAxis(Svg& svg, double max_ms)
        : top_(std::pow(10.0, std::ceil(std::log10(max_ms * 1.01)))) {
        std::vector<std::pair<double, std::string>> ticks;
        for (double v = kBottomMs; v <= top_ * 1.001; v *= 10) {
            std::ostringstream label;
            label << v;
            ticks.emplace_back(y(v), label.str());
        }
        svg.axes("time (s)", "latency (ms)", ticks);
    }
    double y(double ms) const {
        const double v = std::log10(std::max(ms, kBottomMs));
        return kTop + kPlotH -
               (v - std::log10(kBottomMs)) / (std::log10(top_) - std::log10(kBottomMs)) * kPlotH;
    }

  private:
    static constexpr double kBottomMs = 0.1;
    double top_;
};

}  // namespace plot
}  // namespace sim
