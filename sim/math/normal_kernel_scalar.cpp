// SPDX-License-Identifier: MIT
// The normal generator with 2 lanes; see normal_kernel.ipp. Built for baseline x86-64, whose
// SSE2 registers hold 2 doubles or 4 floats: one lane would leave three quarters of each
// single-precision instruction idle. (The target is "scalar" because the path kernel built with
// it runs one path at a time.)
#define BREAKEVEN_NORMAL_LANES 2
#define BREAKEVEN_NORMAL_ENTRY fill_normals_scalar
#define BREAKEVEN_LANE_NORMALS_ENTRY fill_lane_normals_scalar
#include "normal_kernel.ipp"
