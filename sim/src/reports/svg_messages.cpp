#include "reports/svg_messages.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "reports/xml_escape.hpp"

namespace sim {
namespace {

constexpr double kColumn = 110, kRow = 16, kTop = 50, kLeft = 60;

bool is_init(const Message& m) {
    const auto* type = m.body.if_contains("type");
    return type != nullptr && type->is_string() &&
           (type->get_string() == "init" || type->get_string() == "init_ok");
}

// `type` plus the body without type/msg_id/in_reply_to (errors: their text),
// cut to 48 characters as Maelstrom does.
std::string label(const Message& m) {
    std::string type;
    if (const auto* t = m.body.if_contains("type"); t != nullptr && t->is_string()) {
        type = std::string(t->get_string());
    }
    std::string rest;
    if (type == "error") {
        if (const auto* text = m.body.if_contains("text"); text != nullptr && text->is_string()) {
            rest = std::string(text->get_string());
        }
    } else {
        boost::json::object shown;
        for (const auto& entry : m.body) {
            if (entry.key() != "type" && entry.key() != "msg_id" && entry.key() != "in_reply_to") {
                shown[entry.key()] = entry.value();
            }
        }
        if (!shown.empty()) {
            rest = boost::json::serialize(shown);
        }
    }
    std::string text = rest.empty() ? type : type + " " + rest;
    if (text.size() > 48) {
        text = text.substr(0, 48);
    }
    return text;
}

std::int64_t client_number(const std::string& id) {
    try {
        return std::stoll(id.substr(1));
    } catch (const std::exception&) {
        return 0;
    }
}

}  // namespace

void write_message_diagram(const std::filesystem::path& file, const Network& network,
                           const std::vector<std::string>& nodes, std::size_t max_events) {
    const auto& messages = network.messages();
    std::vector<const NetEvent*> events;
    std::set<std::string> seen;
    bool truncated = false;
    for (const auto& e : network.journal()) {
        const Message& m = messages[static_cast<std::size_t>(e.message_id)];
        if (is_init(m)) {
            continue;
        }
        if (events.size() >= max_events) {
            truncated = true;
            break;
        }
        events.push_back(&e);
        seen.insert(m.src);
        seen.insert(m.dest);
    }
    std::vector<std::string> clients, services;
    for (const auto& id : seen) {
        if (is_client_id(id)) {
            clients.push_back(id);
        } else if (std::find(nodes.begin(), nodes.end(), id) == nodes.end()) {
            services.push_back(id);
        }
    }
    std::sort(clients.begin(), clients.end(), [](const std::string& a, const std::string& b) {
        return client_number(a) < client_number(b);
    });
    std::vector<std::string> columns = clients;
    for (const auto& node : nodes) {
        if (seen.count(node) != 0) {
            columns.push_back(node);
        }
    }
    columns.insert(columns.end(), services.begin(), services.end());
    std::map<std::string, double> x;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        x[columns[i]] = kLeft + static_cast<double>(i) * kColumn;
    }
    const double height = kTop + static_cast<double>(events.size() + 2) * kRow + 30;
    const double width =
        kLeft * 2 + static_cast<double>(std::max<std::size_t>(columns.size(), 1)) * kColumn;

    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
        << "\" font-family=\"sans-serif\" font-size=\"10\">\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    for (const auto& id : columns) {
        svg << "<text x=\"" << x[id] << "\" y=\"" << kTop - 20
            << "\" text-anchor=\"middle\" font-size=\"12\">" << xml_escape(id) << "</text>\n"
            << "<line x1=\"" << x[id] << "\" y1=\"" << kTop - 10 << "\" x2=\"" << x[id]
            << "\" y2=\"" << height - 30 << "\" stroke=\"#cccccc\"/>\n";
    }
    std::unordered_map<std::int64_t, std::size_t> send_row;
    std::unordered_map<std::int64_t, std::size_t> recv_row;
    for (std::size_t row = 0; row < events.size(); ++row) {
        (events[row]->kind == NetEventKind::send ? send_row : recv_row)[events[row]->message_id] =
            row;
    }
    for (const auto& [message_id, row] : send_row) {
        const Message& m = messages[static_cast<std::size_t>(message_id)];
        const double x1 = x[m.src];
        const double y1 = kTop + static_cast<double>(row) * kRow;
        auto r = recv_row.find(message_id);
        const bool delivered = r != recv_row.end();
        const double x2 = delivered ? x[m.dest] : (x1 + x[m.dest]) / 2;
        const double y2 = delivered ? kTop + static_cast<double>(r->second) * kRow : y1 + kRow / 2;
        const auto* type = m.body.if_contains("type");
        const bool error = type != nullptr && type->is_string() && type->get_string() == "error";
        const char* colour = error                                         ? "#FF1E90"
                             : is_client_id(m.src) || is_client_id(m.dest) ? "#81BFFC"
                                                                           : "#000000";
        svg << "<line x1=\"" << x1 << "\" y1=\"" << y1 << "\" x2=\"" << x2 << "\" y2=\"" << y2
            << "\" stroke=\"" << colour << "\"" << (delivered ? "" : " stroke-dasharray=\"3,3\"")
            << "/>\n<circle cx=\"" << x2 << "\" cy=\"" << y2 << "\" r=\"2\" fill=\"" << colour
            << "\"/>\n<text x=\"" << (x1 + x2) / 2 << "\" y=\"" << (y1 + y2) / 2 - 2
            << "\" text-anchor=\"middle\" fill=\"" << colour << "\">"
            << xml_escape(label(m) + (delivered ? "" : " (dropped)")) << "</text>\n";
    }
    if (truncated) {
        svg << "<text x=\"" << kLeft << "\" y=\"" << height - 10
            << "\">Additional network events not shown</text>\n";
    }
    svg << "</svg>\n";
    std::ofstream(file) << svg.str();
}

}  // namespace sim
