// SPDX-License-Identifier: MIT
#include "breakeven/engine/run_plan.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "breakeven/scenario/errors.hpp"

namespace breakeven {

RunPlan whole_run(std::vector<const Model*> models, std::uint64_t seed, std::int64_t paths) {
  RunPlan plan;
  plan.models = std::move(models);
  plan.seed = seed;
  plan.paths = paths;
  plan.begin = 0;
  plan.end = paths;
  return plan;
}

RunPlan scenario_run(const Model& model) {
  return whole_run({&model}, model.spec.simulation.seed, model.spec.simulation.paths);
}

void check_plan(const RunPlan& plan) {
  if (plan.models.empty()) throw UsageError("a run needs at least one scenario");
  if (plan.joint && plan.models.size() < 2)
    throw UsageError("joint results need at least two scenarios");
  if (plan.paths < 1)
    throw UsageError(fmt::format("a run needs at least 1 path, not {}", plan.paths));
  if (plan.begin < 0 || plan.begin > plan.end || plan.end > plan.paths)
    throw UsageError(fmt::format("path range [{}, {}) is not within the run's {} paths", plan.begin,
                                 plan.end, plan.paths));
}

std::vector<PathBlock> blocks_of(const RunPlan& plan) {
  std::vector<PathBlock> blocks;
  for (std::int64_t start = plan.begin / kBlockPaths * kBlockPaths; start < plan.end;
       start += kBlockPaths)
    blocks.push_back({std::max(start, plan.begin), std::min(start + kBlockPaths, plan.end)});
  return blocks;
}

}  // namespace breakeven
