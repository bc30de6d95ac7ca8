// SPDX-License-Identifier: MIT
// The lane source named by BREAKEVEN_LANE_SOURCE (a quoted file name, found from this directory or
// on the includer's include path), built once per lane width, each in its own namespace that
// defines kLanes: one_lane (baseline x86-64), four_lanes (AVX2) and eight_lanes (AVX-512), the
// last two inside their instruction-set regions. The includer defines the macro, includes this
// inside a namespace of its own with internal linkage, and picks a width at run time. The path
// kernel is built this way (path_kernel.cpp), and so is the floor it is measured against
// (bench/bench_floor.cpp), so the two always have the same widths and instruction sets.
#include "instruction_set_regions.hpp"

namespace one_lane {
constexpr int kLanes = 1;
#include BREAKEVEN_LANE_SOURCE
}  // namespace one_lane

BREAKEVEN_AVX2_REGION_BEGIN
namespace four_lanes {
constexpr int kLanes = 4;
#include BREAKEVEN_LANE_SOURCE
}  // namespace four_lanes
BREAKEVEN_REGION_END

BREAKEVEN_AVX512_REGION_BEGIN
namespace eight_lanes {
constexpr int kLanes = 8;
#include BREAKEVEN_LANE_SOURCE
}  // namespace eight_lanes
BREAKEVEN_REGION_END
