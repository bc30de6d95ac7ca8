// SPDX-License-Identifier: MIT
#pragma once

// A real, small `breakeven run --out` of two shipped scenarios, one of them renamed to a
// Chinese name with a comma and quotes, so the report tests see what a user would open and
// every escaping path (CSV quoting, HTML entities, UTF-8) is exercised.

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace breakeven::testing {

/// Chinese, with a comma (CSV quoting), quotes and an ampersand (HTML escaping).
inline const std::string kAwkwardName = "摩尔线程 \"MT\", Inc & Co";

inline std::string slurp_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Exit status of a shell command, or -1 if it did not exit normally.
inline int run_shell(const std::string& command) {
  const int raw = std::system(command.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

/// A private temporary directory, removed with everything in it at the end of the scope.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("breakeven-report-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Runs the program from the source directory with NO_COLOR; stdout and stderr go to files in
/// `dir`. Returns the exit status.
inline int run_breakeven(const std::string& args, const std::filesystem::path& dir) {
  return run_shell("cd '" + std::string(BREAKEVEN_SOURCE_DIR) + "' && NO_COLOR=1 '" +
                   std::string(BREAKEVEN_BINARY) + "' " + args + " > '" +
                   (dir / "stdout.txt").string() + "' 2> '" + (dir / "stderr.txt").string() + "'");
}

/// `scenarios/moore_threads.toml` with the company renamed to kAwkwardName, written into `dir`.
inline std::filesystem::path renamed_moore_threads(const std::filesystem::path& dir) {
  std::string text =
      slurp_file(std::filesystem::path(BREAKEVEN_SOURCE_DIR) / "scenarios" / "moore_threads.toml");
  const std::string from = "name = \"Moore Threads\"";
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("moore_threads.toml has no company name");
  text.replace(at, from.size(), "name = \"摩尔线程 \\\"MT\\\", Inc & Co\"");
  const std::filesystem::path path = dir / "moore_threads_cn.toml";
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

/// The report set of a two-company batch (MetaX, then the renamed Moore Threads) with 2,000
/// paths, in `dir / "out"`, plus the `--json` text of the same run in `dir / "cli.json"`.
inline void make_small_report(const std::filesystem::path& dir) {
  const std::filesystem::path renamed = renamed_moore_threads(dir);
  const std::string args = "run scenarios/metax.toml '" + renamed.string() +
                           "' --paths 2000 --quiet --out '" + (dir / "out").string() +
                           "' --json '" + (dir / "cli.json").string() + "'";
  if (run_breakeven(args, dir) != 0)
    throw std::runtime_error("breakeven " + args + " failed: " + slurp_file(dir / "stderr.txt"));
}

}  // namespace breakeven::testing
