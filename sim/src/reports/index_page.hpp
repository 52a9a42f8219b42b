#pragma once
// The served index: every stored run, newest first, with its verdict and
// headline figures, each linking to its run page.
#include <filesystem>
#include <string>

namespace sim {

// `store_root` must be canonical.
std::string index_page_html(const std::filesystem::path& store_root);

}  // namespace sim
