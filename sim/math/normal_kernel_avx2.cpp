// SPDX-License-Identifier: MIT
// The normal generator with 4 lane(s); see normal_kernel.ipp. Built with the instruction set
// named in cmake/SimdKernels.cmake and called only where the processor has it.
#define BREAKEVEN_NORMAL_LANES 4
#define BREAKEVEN_NORMAL_ENTRY fill_normals_avx2
#define BREAKEVEN_LANE_NORMALS_ENTRY fill_lane_normals_avx2
#include "normal_kernel.ipp"
