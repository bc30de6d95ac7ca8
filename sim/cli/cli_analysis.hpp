// SPDX-License-Identifier: MIT
#pragma once

// Internal to the command line: the `sweep` and `sensitivity` subcommands.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace breakeven {

class GroupRun;

/// What sweep and sensitivity share: the files and how to run and report them.
struct AnalysisCommand {
  std::vector<std::string> files;
  std::optional<std::int64_t> paths;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;  ///< raw "KEY=VALUE" texts, applied to every model
  int threads = 0;
  std::optional<std::string> json;
  std::optional<std::string> out;
  bool quiet = false;
  bool strict = false;
};

struct SweepCommand : AnalysisCommand {
  std::vector<std::string> vary;          ///< raw "KEY=..." texts
  std::optional<double> precision;        ///< --precision H: every point to this half-width
  std::optional<std::int64_t> max_paths;  ///< --max-paths N, with --precision
};

struct SensitivityCommand : AnalysisCommand {
  /// Accepted only to be refused with a reason: a sensitivity analysis runs a fixed --paths.
  std::optional<std::string> precision;
};

/// Register the subcommands and their options on `app`.
void add_sweep(CLI::App& app, SweepCommand& command);
void add_sensitivity(CLI::App& app, SensitivityCommand& command);

/// Return the exit status; throw ScenarioError and UsageError (status 2) for the caller to map.
/// Every file and every point is checked before anything runs. Each evaluation is split among
/// the group's processes; rank 0 alone prints and writes.
int sweep_command(const SweepCommand& command, GroupRun& group);
int sensitivity_command(const SensitivityCommand& command, GroupRun& group);

}  // namespace breakeven
