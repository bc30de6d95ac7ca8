// SPDX-License-Identifier: MIT
// The lane kernel's files, in the order they build on each other (so not sorted); path_kernel.cpp
// includes this once per width, inside a namespace that defines kLanes.
// clang-format off
#include "lane_math.ipp"
#include "path_values.ipp"
#include "revenue_stage.ipp"
#include "cost_stage.ipp"
#include "cash_stage.ipp"
#include "funding_stage.ipp"
#include "period_judge.ipp"
#include "year_recorder.ipp"
#include "path_kernel.ipp"
// clang-format on
