// SPDX-License-Identifier: MIT
#include "breakeven/engine/run_share.hpp"

#include <fmt/format.h>

#include "breakeven/scenario/errors.hpp"

namespace breakeven {

RunPlan share_of(const RunPlan& plan, int index, int count) {
  if (count < 1) throw UsageError(fmt::format("a run cannot be split into {} shares", count));
  if (index < 0 || index >= count)
    throw UsageError(fmt::format("share {} of {} does not exist", index, count));
  const std::vector<PathBlock> blocks = blocks_of(plan);
  const auto total = static_cast<std::int64_t>(blocks.size());
  // Whole blocks, so the share's tallies are those of the same paths in a single run.
  const std::int64_t first = total * index / count;
  const std::int64_t last = total * (index + 1) / count;
  RunPlan share = plan;
  share.begin = first < total ? blocks[static_cast<std::size_t>(first)].begin : plan.end;
  share.end = last > first ? blocks[static_cast<std::size_t>(last - 1)].end : share.begin;
  return share;
}

}  // namespace breakeven
