// SPDX-License-Identifier: MIT
#pragma once

// `run --shard I/K --save-state FILE`: a share of a run's paths, saved exactly for `merge`.

#include <vector>

#include "breakeven/analysis/batch_run.hpp"
#include "breakeven/analysis/run_state.hpp"
#include "cli_commands.hpp"

namespace breakeven {

/// Which part of the run this command simulates, and what its state file must record.
struct ShardRun {
  int index = 0;  ///< 0-based
  int count = 1;
  std::vector<StateSource> sources;  ///< only with --save-state
};

/// Reads --shard (whole run without it). With --save-state, reads the scenario texts and compiles
/// `loaded` again from them, so the state holds exactly the scenarios that were simulated.
ShardRun shard_run(const RunCommand& command, const RunRequest& request, LoadedRun& loaded);

/// The plan of the shard's paths.
RunPlan shard_plan(const ShardRun& shard, const LoadedRun& loaded);

/// Writes the state file atomically, and says so unless --quiet.
void save_state(const RunCommand& command, const ShardRun& shard, const LoadedRun& loaded,
                const RunTallies& tallies);

}  // namespace breakeven
