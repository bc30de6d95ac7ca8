// SPDX-License-Identifier: MIT
#pragma once

// What simulate_paths works in, one entry per SIMD lane, with the pointer arrays it takes. Every
// caller that runs groups of paths (the engine, the backtest's replays, the benchmark, the tests)
// sets its lanes up through these.

#include <array>
#include <cstdint>
#include <vector>

#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/engine/sector_shocks.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {

/// One model's workspace and outcome for each of `lanes` lanes (1 .. kMaxPathLanes, else
/// std::logic_error), the outcomes' years sized for the model. Not copyable: the pointer arrays
/// point into its own vectors, which a move keeps where they are.
struct PathLanes {
  PathLanes(const Model& model, int lanes);
  PathLanes(const PathLanes&) = delete;
  PathLanes& operator=(const PathLanes&) = delete;
  PathLanes(PathLanes&&) noexcept = default;
  PathLanes& operator=(PathLanes&&) noexcept = default;

  std::vector<PathWorkspace> workspaces;
  std::vector<PathOutcome> outcomes;
  std::array<PathWorkspace*, kMaxPathLanes> workspace_of{};
  std::array<PathOutcome*, kMaxPathLanes> outcome_of{};
};

/// The sector shocks of a group of paths, one per lane (1 .. kMaxPathLanes, else
/// std::logic_error), drawn together into one block interleaved by month, which each lane's
/// SectorShocks views. Not copyable: those views, too, point into its own vector.
struct SectorLanes {
  explicit SectorLanes(int lanes);
  SectorLanes(const SectorLanes&) = delete;
  SectorLanes& operator=(const SectorLanes&) = delete;
  SectorLanes(SectorLanes&&) noexcept = default;
  SectorLanes& operator=(SectorLanes&&) noexcept = default;

  /// Lane l gets path first + l's shocks of calendar months [first_month, last_month], for l <
  /// count. (Every lane's path is drawn: a group of the SIMD width draws in one pass.)
  void fill(std::uint64_t seed, std::uint64_t first, int count, int first_month, int last_month);

  std::vector<SectorShocks> shocks;
  std::array<const SectorShocks*, kMaxPathLanes> of{};

 private:
  std::vector<double> block_;  // month m of lane l at [m * lanes + l]
};

}  // namespace breakeven
