#pragma once
// Where a request may lead: only to files under the store. Every path from a
// URL goes through resolve_in_store before anything is opened.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sim {

// %XX-decoding of a URL path; std::nullopt for a malformed escape or a NUL.
std::optional<std::string> percent_decode(std::string_view text);

// The file or directory that `relative` (already decoded, e.g.
// "echo/20250101T000000.000+0000/results.json") names under `store_root`, with
// every symlink resolved; std::nullopt if the path is absolute, has a ".."
// part, does not exist, or resolves to somewhere outside the store.
// `store_root` must be canonical.
std::optional<std::filesystem::path> resolve_in_store(const std::filesystem::path& store_root,
                                                      std::string_view relative);

}  // namespace sim
