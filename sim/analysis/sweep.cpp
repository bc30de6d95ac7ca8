// SPDX-License-Identifier: MIT
#include "breakeven/analysis/sweep.hpp"

#include "breakeven/analysis/summary.hpp"
#include "breakeven/engine/engine.hpp"

namespace breakeven {
namespace {

/// The two indicators a paired difference needs, one byte per path.
struct PathFlags {
  std::vector<std::uint8_t> by_target;
  std::vector<std::uint8_t> cash_out_first;
};

struct Progress {
  const SweepOptions& options;
  std::int64_t done_before = 0;
  std::int64_t total = 0;
};

ScenarioResult run_point(const Model& model, int threads, const Progress& progress,
                         PathFlags& flags) {
  const auto paths = static_cast<std::size_t>(model.spec.simulation.paths);
  flags.by_target.assign(paths, 0);
  flags.cash_out_first.assign(paths, 0);
  const std::optional<int> target = model.target_period;
  EngineOptions engine;
  engine.threads = threads;
  if (progress.options.progress)
    engine.progress = [&progress](std::int64_t done) {
      progress.options.progress(progress.done_before + done, progress.total);
    };
  // Each path writes only its own two bytes: the flags do not depend on the threads.
  RunPlan plan = scenario_run(model);
  plan.on_path = [&flags, target](std::size_t, std::int64_t path, const PathOutcome& outcome,
                                  const PathWorkspace&) {
    const auto i = static_cast<std::size_t>(path);
    const bool broke_even = outcome.breakeven_period >= 0;
    flags.by_target[i] = target && broke_even && outcome.breakeven_period <= *target ? 1 : 0;
    flags.cash_out_first[i] = !broke_even && outcome.cashout_month >= 0 ? 1 : 0;
  };
  return summarize(model, simulate(plan, engine).scenarios[0]);
}

}  // namespace

SweepFigures sweep_figures(const ScenarioResult& result) {
  SweepFigures figures;
  figures.by_target = result.breakeven.by_target;
  figures.cash_out_first = result.breakeven.cash_out_first;
  figures.median_breakeven = result.breakeven.p50;
  figures.funding_need_p50 = result.funding_need.p50;
  figures.funding_need_p90 = result.funding_need.p90;
  figures.runway_p50 = result.runway.p50;
  figures.runway_horizon = result.runway.horizon_months;
  return figures;
}

SweepResult run_sweep(const SweepPlan& plan, const SweepOptions& options) {
  const std::int64_t paths = plan.base.spec.simulation.paths;
  Progress progress{options, 0, paths * static_cast<std::int64_t>(plan.values.size() + 1)};
  PathFlags base_flags, point_flags;
  const ScenarioResult base = run_point(plan.base, options.threads, progress, base_flags);

  SweepResult sweep;
  sweep.name = base.name;
  sweep.file = base.file;
  sweep.money_unit = base.money_unit;
  sweep.currency = base.currency;
  sweep.paths = base.paths;
  sweep.seed = base.seed;
  sweep.target = base.breakeven.target;
  for (const auto& axis : plan.axes) sweep.keys.push_back(axis.key);
  sweep.base = sweep_figures(base);
  const bool has_target = sweep.base.by_target.has_value();
  for (std::size_t i = 0; i < plan.values.size(); ++i) {
    progress.done_before = paths * static_cast<std::int64_t>(i + 1);
    const ScenarioResult result =
        run_point(point_model(plan, i), options.threads, progress, point_flags);
    if (options.on_point) options.on_point(i, result);
    SweepPoint point;
    point.values = plan.values[i];
    point.figures = sweep_figures(result);
    if (has_target)
      point.by_target = paired_difference(base_flags.by_target, point_flags.by_target);
    point.cash_out_first = paired_difference(base_flags.cash_out_first, point_flags.cash_out_first);
    sweep.points.push_back(std::move(point));
  }
  return sweep;
}

}  // namespace breakeven
