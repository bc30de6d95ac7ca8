// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {

/// Paths per block. Blocks are [k * kBlockPaths, (k + 1) * kBlockPaths) clipped to the run's path
/// count, so their boundaries depend on nothing but the path count: not on threads, processes or
/// how a run was split into ranges. A block is the unit of work and of any per-block accumulator.
inline constexpr std::int64_t kBlockPaths = 256;

/// Called once per (model, path) with what the path produced and the workspace it ran in
/// (`workspace.draws` holds the path's drawn (P) parameters). Called from worker threads in no
/// particular order: a caller stays deterministic by writing into a slot it preallocated for
/// (model_index, path_index - plan.begin), never by appending.
using PathObserver =
    std::function<void(std::size_t model_index, std::int64_t path_index, const PathOutcome& outcome,
                       const PathWorkspace& workspace)>;

/// What to simulate: every model on paths [begin, end) of a run of `paths` paths with `seed`.
/// Path i of every model is simulated before path i + 1 by the same worker, sharing the sector
/// shocks of each calendar month. A model's results depend on (model, seed, path index) only, so
/// they are the same alone, in any batch, in any range split and on any thread count.
struct RunPlan {
  std::vector<const Model*> models;  ///< not owned; must outlive the run
  std::uint64_t seed = 1;
  std::int64_t paths = 0;  ///< the whole run's path count N
  std::int64_t begin = 0;  ///< this range: [begin, end), 0 <= begin <= end <= paths
  std::int64_t end = 0;
  /// Also count joint results across the models (RunTallies::joint): for a batch of different
  /// companies. Needs two or more models.
  bool joint = false;
  /// Optional per-path hook; an empty function costs one test per path.
  PathObserver on_path;
};

/// A plan for the whole run [0, paths) of the given models.
RunPlan whole_run(std::vector<const Model*> models, std::uint64_t seed, std::int64_t paths);

/// The plan a single scenario file asks for: its own `simulation.paths` and `simulation.seed`.
RunPlan scenario_run(const Model& model);

/// Throws UsageError for a plan that cannot run (no model, a bad range).
void check_plan(const RunPlan& plan);

/// The blocks overlapping [plan.begin, plan.end), each clipped to the range.
struct PathBlock {
  std::int64_t begin, end;
};
std::vector<PathBlock> blocks_of(const RunPlan& plan);

}  // namespace breakeven
