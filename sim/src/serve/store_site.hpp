#pragma once
// What `serve` answers to a GET, independent of the HTTP transport:
//   /                   the index of runs
//   /run/<run>/         a run's page (<run> as in the store, e.g. echo/<time>, or latest)
//   /files/<path>       a file under the store, or a directory's listing
// Anything that would leave the store is answered 404 and logged.
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>

namespace sim {

struct SiteReply {
    unsigned status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
};

// `store_root` must be canonical; refusals are logged to `log`.
SiteReply handle_get(const std::filesystem::path& store_root, std::string_view target,
                     std::ostream& log);

// The Content-Type for a stored file, by its extension.
std::string content_type_of(const std::filesystem::path& file);

}  // namespace sim
