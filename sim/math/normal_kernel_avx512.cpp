// SPDX-License-Identifier: MIT
// The normal generator with 8 lane(s); see normal_kernel.ipp. Built with the instruction set
// named in cmake/SimdKernels.cmake and called only where the processor has it.
#define BREAKEVEN_NORMAL_LANES 8
#define BREAKEVEN_NORMAL_ENTRY fill_normals_avx512
#define BREAKEVEN_LANE_NORMALS_ENTRY fill_lane_normals_avx512
#include "normal_kernel.ipp"
