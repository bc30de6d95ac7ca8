// SPDX-License-Identifier: MIT
// The path kernel: path/*.ipp, written once for lanes of any width, built here three times — one
// lane (baseline x86-64: the serial twin, and --trace-path), four (AVX2) and eight (AVX-512) — and
// picked at run time by the active SIMD target (counter_normals.hpp).
//
// Each width lives in its own namespace with internal linkage, inside a region compiled for its
// instruction set (path/per_width.ipp). No vector crosses from one region to another: the entry
// points take pointers.
//
// Bit-identical results at every width: the same operations in the same order in every lane,
// this file compiled with -ffp-contract=off (cmake/SimdKernels.cmake), and the same exp at every
// width (lane_math.ipp). Per-path set-up (draw_parameters, std::log, std::pow) is scalar code,
// the same whatever the width.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <immintrin.h>

#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/math/counter_normals.hpp"
#include "breakeven/math/random_stream.hpp"
#include "path/event_stage.hpp"
#include "path/path_basics.hpp"

// Vectors are passed by value only between functions of one width's region, all with internal
// linkage: GCC's note that a vector argument's ABI depends on the instruction set does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace breakeven {
namespace {

#define BREAKEVEN_LANE_SOURCE "lane_kernel.ipp"
#include "path/per_width.ipp"
#undef BREAKEVEN_LANE_SOURCE

using GroupKernel = void (*)(const Model&, std::uint64_t, const std::uint64_t*,
                             const SectorShocks* const*, PathWorkspace* const*, PathOutcome* const*,
                             std::vector<MonthRecord>* const*);

struct Width {
  int lanes;
  GroupKernel kernel;
};

Width width_of(SimdTarget target) {
  switch (target) {
    case SimdTarget::avx512:
      return {8, eight_lanes::simulate_group};
    case SimdTarget::avx2:
      return {4, four_lanes::simulate_group};
    case SimdTarget::scalar:
      break;
  }
  return {1, one_lane::simulate_group};
}

}  // namespace

int path_lanes() {
  return width_of(active_simd_target()).lanes;
}

void simulate_paths(const Model& model, std::uint64_t seed, std::uint64_t first_path, int count,
                    const SectorShocks* const* sectors, PathWorkspace* const* workspaces,
                    PathOutcome* const* outcomes, std::vector<MonthRecord>* const* traces) {
  const Width width = width_of(active_simd_target());
  // A count outside the lanes would read sectors or write workspaces past the callers' arrays.
  if (count < 1 || count > width.lanes)
    throw std::logic_error("simulate_paths: " + std::to_string(count) + " paths for " +
                           std::to_string(width.lanes) + " lanes");
  // Lanes beyond `count` repeat the last path into their own workspaces; nobody reads them.
  std::array<std::uint64_t, kMaxPathLanes> paths{};
  std::array<const SectorShocks*, kMaxPathLanes> lane_sectors{};
  std::array<std::vector<MonthRecord>*, kMaxPathLanes> lane_traces{};  // none for the spare lanes
  for (int l = 0; l < width.lanes; ++l) {
    const int source = std::min(l, count - 1);
    paths[static_cast<std::size_t>(l)] = first_path + static_cast<std::uint64_t>(source);
    lane_sectors[static_cast<std::size_t>(l)] = sectors[source];
    if (traces != nullptr && l < count) lane_traces[static_cast<std::size_t>(l)] = traces[l];
  }
  width.kernel(model, seed, paths.data(), lane_sectors.data(), workspaces, outcomes,
               traces != nullptr ? lane_traces.data() : nullptr);
}

void simulate_path(const Model& model, std::uint64_t seed, std::uint64_t path,
                   const SectorShocks& sector_shocks, PathWorkspace& ws, PathOutcome& out,
                   std::vector<MonthRecord>* trace) {
  const SectorShocks* sectors[] = {&sector_shocks};
  PathWorkspace* workspaces[] = {&ws};
  PathOutcome* outcomes[] = {&out};
  std::vector<MonthRecord>* traces[] = {trace};
  one_lane::simulate_group(model, seed, &path, sectors, workspaces, outcomes,
                           trace != nullptr ? traces : nullptr);
}

void simulate_path(const Model& model, std::uint64_t seed, std::uint64_t path, PathWorkspace& ws,
                   PathOutcome& out, std::vector<MonthRecord>* trace) {
  if (uses_sector_shocks(model) &&
      !ws.sector.covers(seed, path, first_calendar_month(model), last_calendar_month(model)))
    ws.sector.fill(seed, path, first_calendar_month(model), last_calendar_month(model));
  simulate_path(model, seed, path, ws.sector, ws, out, trace);
}

}  // namespace breakeven
