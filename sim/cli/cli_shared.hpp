// SPDX-License-Identifier: MIT
#pragma once

// Internal to the command line: what the run, sweep and sensitivity subcommands share.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "breakeven/report/html_report.hpp"

namespace breakeven {

/// The provenance block of a report: version, the UTC time now, `command`, the working
/// directory and `output_directory`.
RunProvenance make_provenance(std::string command, std::string output_directory);

/// `args` as a shell would need them typed again: plain words as they are, others single-quoted.
std::string shell_words(const std::vector<std::string>& args);

/// A missing file or a directory is a bad scenario (status 2) with a plain message, whatever the
/// parser would make of it. Throws ScenarioError.
void check_readable(const std::string& file);

/// Progress and ETA on stderr, only when it is a terminal and the run takes long enough to be
/// worth it. update() is called from worker threads: a try_lock keeps it from ever blocking one.
class ProgressLine {
 public:
  /// `unit` names what is counted: paths, or runs where the path counts are found as they run.
  ProgressLine(std::string name, std::int64_t total, bool enabled, std::string unit = "paths")
      : name_(std::move(name)),
        unit_(std::move(unit)),
        total_(total),
        enabled_(enabled),
        start_(std::chrono::steady_clock::now()),
        last_(start_) {}
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine();

  /// `done` of the `total` paths (or other units) given at construction are finished.
  void update(std::int64_t done);

 private:
  std::string name_;
  std::string unit_;
  std::int64_t total_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_;
  std::mutex mutex_;
  bool shown_ = false;
};

}  // namespace breakeven
