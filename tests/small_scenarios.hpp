// SPDX-License-Identifier: MIT
#pragma once

// Small companies written as TOML for the command-line tests of `solve`, `run --precision` and
// `sweep --precision`, and a private folder to write them into.

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace breakeven::testing {

// Flat revenue 1 a month at a 50 % margin against costs of 1 a month: a loss of exactly 0.5 a
// month for 24 months, no tax, interest or working capital. Starting with 5, the company needs
// 24 x 0.5 - 5 = 7 more to never fall below a minimum of 0, and a raise of 10 keeps it alive only
// if it lands by month 10 (2025-11): cash after month m is 5 - 0.5 (m + 1) before the raise.
inline const char* const kBurner = R"(
[company]
name = "Burner"
[simulation]
start = "2025-01"
horizon = "2026-12"
paths = 300
seed = 3
[state]
cash = 5
revenue = 12
[revenue]
growth = 0
[margin]
gross = 0.5
[costs]
rnd = 12
sga = 0
[tax]
rate = 0
[[funding.rounds]]
name = "Raise"
date = "2025-06"
amount = 0
[breakeven]
metric = "net_income"
period = "year"
target = "2026"
)";

// The same company with uncertain growth and noise: the raise it needs is a probability question.
inline const char* const kUncertainBurner = R"(
[company]
name = "Uncertain burner"
[simulation]
start = "2025-01"
horizon = "2027-12"
paths = 1000
seed = 5
[state]
cash = 5
revenue = 12
[revenue]
growth = { dist = "pert", min = -0.2, mode = 0.3, max = 0.8 }
volatility = 0.5
[margin]
gross = 0.5
[costs]
rnd = 12
sga = 0
[tax]
rate = 0
[[funding.rounds]]
name = "Raise"
date = "2025-06"
amount = 0
[breakeven]
metric = "net_income"
period = "year"
target = "2027"
)";

// Uncertain growth, a headline near one half: a run to precision needs several rounds.
inline const char* const kGrower = R"(
[company]
name = "Grower"
[simulation]
start = "2025-01"
horizon = "2028-12"
paths = 1000
seed = 8
[state]
cash = 100
revenue = 12
[revenue]
growth = { dist = "pert", min = 0.0, mode = 0.5, max = 1.0 }
volatility = 0.5
[margin]
gross = 0.5
[costs]
rnd = 12
sga = 2
[breakeven]
target = "2026"
)";

/// A private folder for scenario files and outputs, removed with everything in it at the end.
/// ctest runs test cases as parallel processes, so each has its own.
class ScenarioFiles {
 public:
  explicit ScenarioFiles(const std::string& tag) {
    static std::atomic<int> counter{0};
    dir_ =
        std::filesystem::temp_directory_path() /
        ("breakeven-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
  }
  ScenarioFiles(const ScenarioFiles&) = delete;
  ScenarioFiles& operator=(const ScenarioFiles&) = delete;
  ~ScenarioFiles() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  /// Writes `text` to `name` in the folder; returns its path.
  std::string write(const std::string& name, const char* text) const {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  /// The path as a single-quoted shell word, for command lines.
  std::string quoted(const std::string& name) const { return "'" + path(name).string() + "'"; }
  std::filesystem::path path(const std::string& name) const { return dir_ / name; }

 private:
  std::filesystem::path dir_;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace breakeven::testing
