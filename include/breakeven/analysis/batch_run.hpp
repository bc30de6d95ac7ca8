// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "breakeven/analysis/results.hpp"
#include "breakeven/engine/engine.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

namespace breakeven {

/// One scenario file of a run, with the overrides that apply to it alone.
struct ScenarioEntry {
  std::string file;
  std::vector<Override> overrides;
};

/// What a run is asked to do: scenario files, overrides for all of them, and the batch's path
/// count and seed when given (else the first file's, and files must agree).
struct RunRequest {
  std::vector<ScenarioEntry> scenarios;
  std::vector<Override> overrides;  ///< applied to every file, before the file's own
  std::optional<std::int64_t> paths;
  std::optional<std::uint64_t> seed;
  bool strict = false;  ///< refuse, rather than repair, a non-PSD correlation matrix
};

/// Every override applied to one file of the run, in the order they apply: the request's, then
/// the file's own. What load_run() applies, and what a state file records.
std::vector<Override> entry_overrides(const RunRequest& request, const ScenarioEntry& entry);

/// Every scenario of a run, checked and compiled, with the run's path count and seed written into
/// each spec (so reports state what ran).
struct LoadedRun {
  std::vector<Model> models;
  std::int64_t paths = 0;
  std::uint64_t seed = 0;
};

/// Reads and checks every file before anything runs, so a typo in the last file fails at once.
/// Throws ScenarioError (file, line, key), also when files disagree on `simulation.paths` or
/// `simulation.seed` and the request does not settle them (the error names both files), and
/// UsageError for a path count below 1.
LoadedRun load_run(const RunRequest& request);

/// The plan of a loaded run: all its models on all its paths.
RunPlan plan_of(const LoadedRun& run);

/// What a run reports: a result per scenario, in order.
struct RunResults {
  std::vector<ScenarioResult> scenarios;
};

/// Summarizes the tallies of the whole of a loaded run (however they were computed: one
/// process, merged shards or MPI ranks).
RunResults summarize_run(const LoadedRun& run, const RunTallies& tallies);

/// Simulates the loaded run and summarizes it.
RunResults run_scenarios(const LoadedRun& run, const EngineOptions& options = {});

}  // namespace breakeven
