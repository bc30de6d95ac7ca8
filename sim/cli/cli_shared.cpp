// SPDX-License-Identifier: MIT
#include "cli_shared.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include <fmt/format.h>

#include "breakeven/report/text_format.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {

void check_readable(const std::string& file) {
  std::error_code error;
  const auto status = std::filesystem::status(file, error);
  if (!std::filesystem::exists(status)) throw ScenarioError({file, 0}, "", "no such file");
  if (std::filesystem::is_directory(status))
    throw ScenarioError({file, 0}, "", "is a directory, not a scenario file");
}

RunProvenance make_provenance(std::string command, std::string output_directory) {
  RunProvenance provenance;
  provenance.version = BREAKEVEN_VERSION;
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc);
  provenance.date = date;
  provenance.command = std::move(command);
  std::error_code error;
  provenance.working_directory = std::filesystem::current_path(error).string();
  provenance.output_directory = std::move(output_directory);
  return provenance;
}

std::string shell_words(const std::vector<std::string>& args) {
  std::string line;
  for (const auto& arg : args) {
    if (!line.empty()) line += ' ';
    if (!arg.empty() && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789-_./=:,+@%") == std::string::npos) {
      line += arg;
      continue;
    }
    line += '\'';
    for (char c : arg) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

ProgressLine::~ProgressLine() {
  if (shown_) std::fputs("\r\x1b[K", stderr);
}

void ProgressLine::update(std::int64_t done) {
  if (!enabled_ || total_ <= 0) return;
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 0.5 || now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double fraction = static_cast<double>(done) / static_cast<double>(total_);
  const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
  // A bar of 20 columns in eighth blocks, then what a user needs to decide whether to wait.
  constexpr int kBarColumns = 20;
  const int eighths = static_cast<int>(fraction * kBarColumns * 8);
  const std::string bar = eighth_block_bar(eighths);
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  std::fputs(
      fmt::format(
          "\r\x1b[K{} ▕{}{}▏ {:.0f} % · {} / {} {} · {}/s · ETA {:.0f} s", name_, bar,
          std::string(static_cast<std::size_t>(std::max(0, kBarColumns - (eighths + 7) / 8)), ' '),
          fraction * 100, format_amount(static_cast<double>(done), 0),
          format_amount(static_cast<double>(total_), 0), unit_,
          format_amount(rate, rate < 10 ? 1 : 0), eta)
          .c_str(),
      stderr);
  std::fflush(stderr);
  shown_ = true;
}

}  // namespace breakeven
