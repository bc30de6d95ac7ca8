// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "breakeven/analysis/results.hpp"
#include "breakeven/engine/engine.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/scenario/batch_file.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

namespace breakeven {

/// `--set FILE:KEY=VALUE`: an override for one file of the run only.
struct FileOverride {
  std::string file;
  Override override_;
};

/// What a run is asked to do: scenario files, overrides for all of them or for one, and the
/// batch's path count and seed when given (else the first file's, and files must agree).
struct RunRequest {
  std::string name;  ///< the batch's name, when it came from a batch file
  std::vector<ScenarioEntry> scenarios;
  std::vector<Override> overrides;           ///< applied to every file, before the file's own
  std::vector<FileOverride> file_overrides;  ///< after the file's own (a batch file's `set`)
  std::optional<std::int64_t> paths;
  std::optional<std::uint64_t> seed;
  bool strict = false;  ///< refuse, rather than repair, a non-PSD correlation matrix
};

/// Adds the files named on a command line: scenario files, or one batch file (whose `paths`
/// and `seed` fill in what the request does not yet give). Throws UsageError when a batch file
/// comes with other files, ScenarioError for a bad batch file.
void add_files(RunRequest& request, const std::vector<std::string>& files);

/// Splits "FILE:KEY=VALUE" (the last ':' before the first '=') into a FileOverride, or returns
/// nullopt for a plain "KEY=VALUE". Throws UsageError for a bad KEY=VALUE part.
std::optional<FileOverride> parse_file_override(std::string_view text);

/// Every override applied to one file of the run, in the order they apply: the request's, then
/// the file's own. What load_run() applies, and what a state file records.
std::vector<Override> entry_overrides(const RunRequest& request, const ScenarioEntry& entry);

/// Every scenario of a run, checked and compiled, with the run's path count and seed written into
/// each spec (so reports state what ran).
struct LoadedRun {
  std::string name;  ///< the batch's name, or empty
  std::vector<Model> models;
  std::int64_t paths = 0;
  std::uint64_t seed = 0;
};

/// Reads and checks every file before anything runs, so a typo in the last file fails at once.
/// Throws ScenarioError (file, line, key), also when files disagree on `simulation.paths` or
/// `simulation.seed` and the request does not settle them (the error names both files), and
/// UsageError for a path count below 1.
LoadedRun load_run(const RunRequest& request);

/// Whether the run's scenarios are joined: two or more, all of different companies
/// (`company.name`, less a trailing variant label in parentheses: "MetaX (bear)" is MetaX).
/// Files of one company (base, bull, bear) are compared side by side instead.
bool is_joint(const LoadedRun& run);

/// The plan of a loaded run: all its models on all its paths, joint when is_joint().
RunPlan plan_of(const LoadedRun& run);

/// What a run reports: a result per scenario, in order, and the joint results of a batch of
/// different companies.
struct RunResults {
  std::vector<ScenarioResult> scenarios;
  std::optional<JointResult> joint;
};

/// The results of a loaded run from its tallies: of the whole run (one process, merged shards
/// or MPI ranks) or of its first paths (a run to precision).
RunResults summarize_run(const LoadedRun& run, const RunTallies& tallies);

/// Simulates the loaded run and summarizes it.
RunResults run_scenarios(const LoadedRun& run, const EngineOptions& options = {});

}  // namespace breakeven
