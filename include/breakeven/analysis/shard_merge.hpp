// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "breakeven/analysis/batch_run.hpp"
#include "breakeven/analysis/run_state.hpp"
#include "breakeven/engine/engine.hpp"

namespace breakeven {

/// A state read from a file, with the file's name for messages.
struct NamedState {
  std::string file;
  RunState state;
};

/// A run put back together from its shards.
struct MergedRun {
  LoadedRun loaded;
  RunTallies tallies;  ///< of the whole run, bit for bit those of a single process
};

/// Checks that the states are the shards 1..K of one run, each exactly once, and merges their
/// tallies in shard order. Throws UsageError naming the file at fault: a scenario, seed, path
/// count or shard count that differs from the first file's, a shard given twice (both files), a
/// shard missing, or tallies that do not belong to the shard.
MergedRun merge_states(const std::vector<NamedState>& states);

}  // namespace breakeven
