#pragma once
// The served page of one run: the verdict and, for an invalid run, what each
// failing checker found, then the plots and links to every file of the run.
#include <filesystem>
#include <string>

namespace sim {

// `store_root` and `run_dir` must be canonical, `run_dir` inside the store.
std::string run_page_html(const std::filesystem::path& store_root,
                          const std::filesystem::path& run_dir);

}  // namespace sim
