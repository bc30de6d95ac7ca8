// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "breakeven/engine/joint_tally.hpp"
#include "breakeven/engine/run_plan.hpp"
#include "breakeven/engine/tally.hpp"

namespace breakeven {

/// How to run a plan. Nothing here changes a result.
struct EngineOptions {
  int threads = 0;  ///< 0: all hardware threads
  /// Called from worker threads with the number of paths finished so far (monotone, not
  /// necessarily every block). Must be thread-safe and cheap. The core itself prints nothing.
  std::function<void(std::int64_t paths_done)> progress{};
  /// Called once per path, on the worker thread that simulated it, with the path's index, its
  /// outcome and its workspace (drawn parameters, event occurrences, rounds landed, raises). For
  /// analyses that need per-path values: a caller writes into a slot it preallocated for that
  /// path index, so what it collects does not depend on the threads. Must not touch anything
  /// another path's call could touch. Unset (the default), it costs one test per path.
  std::function<void(std::int64_t path, const PathOutcome& outcome, const PathWorkspace& workspace)>
      on_path{};
};

/// The tallies of one plan: one per model, for the plan's path range.
struct RunTallies {
  std::uint64_t seed = 0;
  std::int64_t paths = 0;  ///< the whole run's path count
  std::int64_t begin = 0, end = 0;
  std::vector<Tally> scenarios;     ///< in plan order
  std::optional<JointTally> joint;  ///< when the plan asked for joint results
};

/// Adds the tallies of an adjacent range of the same run (same seed, path count and models) into
/// `into`, whose range grows to cover both. Exact: merging the ranges [0, k) and [k, N) gives the
/// tallies of [0, N) bit for bit. Throws UsageError for tallies of another run or a range that
/// does not touch.
void merge_tallies(RunTallies& into, const RunTallies& other);

/// Simulates the plan across TBB workers, block by block. Identical for every thread count, and
/// the tallies of a range split merge to those of the whole range.
RunTallies simulate(const RunPlan& plan, const EngineOptions& options = {});

/// The serial twin of simulate(): the oracle in tests.
RunTallies simulate_serial(const RunPlan& plan);

}  // namespace breakeven
