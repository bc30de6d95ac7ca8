// SPDX-License-Identifier: MIT
#pragma once

#include "breakeven/engine/run_plan.hpp"

namespace breakeven {

/// Share `index` of `count` (0-based) of a plan: a contiguous run of the plan's whole blocks,
/// blocks [index * B / count, (index + 1) * B / count) of its B blocks. Shares depend on nothing
/// but the plan's range and `count`, cover the range without gaps or overlap in index order, and
/// may be empty when there are more shares than blocks. Splitting a share again (a shard spread
/// over MPI ranks) keeps every boundary on a block boundary of the run. Throws UsageError for
/// `count` < 1 or `index` outside [0, count).
RunPlan share_of(const RunPlan& plan, int index, int count);

}  // namespace breakeven
