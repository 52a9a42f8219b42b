#include "serve/store_site.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "reports/html_page.hpp"
#include "reports/index_page.hpp"
#include "reports/run_page.hpp"
#include "reports/xml_escape.hpp"
#include "serve/store_paths.hpp"

namespace sim {
namespace {

SiteReply not_found() {
    return {404, "text/plain; charset=utf-8", "not found\n"};
}

SiteReply refuse(std::string_view target, std::ostream& log) {
    log << "maelstrom-sim: serve: refused " << target << " (not a file under the store)"
        << std::endl;
    return not_found();
}

std::string directory_listing(const std::filesystem::path& store_root,
                              const std::filesystem::path& dir) {
    const std::string rel = dir.lexically_relative(store_root).generic_string();
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        names.push_back(entry.path().filename().string() + (entry.is_directory() ? "/" : ""));
    }
    std::sort(names.begin(), names.end());
    std::ostringstream out;
    out << html_page_start(rel) << "<nav><a href=\"/\">&larr; all runs</a></nav><h1>"
        << xml_escape(rel) << "</h1><ul>\n";
    for (const auto& name : names) {
        out << "<li><a href=\"/files/" << xml_escape(rel == "." ? name : rel + "/" + name) << "\">"
            << xml_escape(name) << "</a></li>\n";
    }
    out << "</ul>\n" << html_page_end();
    return out.str();
}

// The path after `prefix`, without a trailing slash; std::nullopt if the
// target does not start with `prefix`.
std::optional<std::string_view> after(std::string_view path, std::string_view prefix) {
    if (path.substr(0, prefix.size()) != prefix) {
        return std::nullopt;
    }
    path.remove_prefix(prefix.size());
    while (!path.empty() && path.back() == '/') {
        path.remove_suffix(1);
    }
    return path;
}

}  // namespace

std::string content_type_of(const std::filesystem::path& file) {
    const std::string ext = file.extension().string();
    if (ext == ".html") {
        return "text/html; charset=utf-8";
    }
    if (ext == ".svg") {
        return "image/svg+xml";
    }
    if (ext == ".png") {
        return "image/png";
    }
    if (ext == ".json") {
        return "application/json";
    }
    // history.txt, node logs, net-journal.jsonl, results.edn: shown as text.
    return "text/plain; charset=utf-8";
}

SiteReply handle_get(const std::filesystem::path& store_root, std::string_view target,
                     std::ostream& log) {
    std::string_view raw_path = target.substr(0, target.find_first_of("?#"));
    const auto decoded = percent_decode(raw_path);
    if (!decoded) {
        return refuse(target, log);
    }
    const std::string_view path = *decoded;
    if (path == "/" || path.empty()) {
        return {200, "text/html; charset=utf-8", index_page_html(store_root)};
    }
    if (const auto run = after(path, "/run/")) {
        const auto dir = resolve_in_store(store_root, *run);
        if (!dir || !std::filesystem::is_directory(*dir) || *dir == store_root) {
            return refuse(target, log);
        }
        return {200, "text/html; charset=utf-8", run_page_html(store_root, *dir)};
    }
    if (const auto file = after(path, "/files/")) {
        const auto resolved = resolve_in_store(store_root, *file);
        if (!resolved) {
            return refuse(target, log);
        }
        if (std::filesystem::is_directory(*resolved)) {
            return {200, "text/html; charset=utf-8", directory_listing(store_root, *resolved)};
        }
        std::ifstream in(*resolved, std::ios::binary);
        if (!in) {
            return refuse(target, log);
        }
        std::ostringstream body;
        body << in.rdbuf();
        return {200, content_type_of(*resolved), body.str()};
    }
    return not_found();
}

}  // namespace sim
