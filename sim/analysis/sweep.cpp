// SPDX-License-Identifier: MIT
#include "breakeven/analysis/sweep.hpp"

#include <algorithm>

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

/// Writes each path's two indicators into the flags, which the caller has sized to hold the
/// path's index: each path writes only its own two bytes, so the flags do not depend on threads.
PathObserver flag_writer(const Model& model, PathFlags& flags) {
  const std::optional<int> target = model.target_period;
  return [&flags, target](std::size_t, std::int64_t path, const PathOutcome& outcome,
                          const PathWorkspace&) {
    const auto i = static_cast<std::size_t>(path);
    const bool broke_even = outcome.breakeven_period >= 0;
    flags.by_target[i] = target && broke_even && outcome.breakeven_period <= *target ? 1 : 0;
    flags.cash_out_first[i] = !broke_even && outcome.cashout_month >= 0 ? 1 : 0;
  };
}

struct PointRun {
  ScenarioResult result;
  std::optional<PrecisionOutcome> precision;
};

PointRun run_point(const Model& model, const Progress& progress, PathFlags& flags) {
  const SweepOptions& options = progress.options;
  PlanRunner& runner = options.runner != nullptr ? *options.runner : local_runner();
  // Under a group each process runs a share of the paths: the flags of the others' paths come
  // back with the tallies.
  const std::vector<PathColumn> columns{path_column(flags.by_target),
                                        path_column(flags.cash_out_first)};
  EngineOptions engine;
  engine.threads = options.threads;
  RunPlan plan = scenario_run(model);
  plan.on_path = flag_writer(model, flags);
  if (options.precision) {
    // Rounds grow the flags; the stop is the point's own, as `run --precision` would find it.
    auto grow = [&flags](std::int64_t, std::int64_t end) {
      flags.by_target.resize(static_cast<std::size_t>(end));
      flags.cash_out_first.resize(static_cast<std::size_t>(end));
    };
    auto summary = [&model](const RunTallies& tallies) {
      RunResults results;
      results.scenarios.push_back(summarize(model, tallies.scenarios[0]));
      return results;
    };
    flags.by_target.clear();
    flags.cash_out_first.clear();
    PrecisionRun run =
        run_plan_to_precision(plan, *options.precision, summary, engine, grow, &runner, columns);
    return {std::move(run.results.scenarios[0]), std::move(run.outcome)};
  }
  const auto paths = static_cast<std::size_t>(model.spec.simulation.paths);
  flags.by_target.assign(paths, 0);
  flags.cash_out_first.assign(paths, 0);
  if (options.progress)
    engine.progress = [&progress](std::int64_t done) {
      progress.options.progress(progress.done_before + done, progress.total);
    };
  return {summarize(model, runner.evaluate(plan, engine, columns).scenarios[0]), std::nullopt};
}

/// The paired differences of a point against the base on the paths both ran.
void pair_with_base(const PathFlags& base, PathFlags& point, bool has_target, SweepPoint& out) {
  const std::size_t common = std::min(base.by_target.size(), point.by_target.size());
  out.paired_paths = static_cast<std::int64_t>(common);
  point.by_target.resize(common);
  point.cash_out_first.resize(common);
  auto difference = [&](const std::vector<std::uint8_t>& base_flags,
                        const std::vector<std::uint8_t>& point_flags) {
    if (base_flags.size() == common) return paired_difference(base_flags, point_flags);
    const std::vector<std::uint8_t> prefix(
        base_flags.begin(), base_flags.begin() + static_cast<std::ptrdiff_t>(common));
    return paired_difference(prefix, point_flags);
  };
  if (has_target) out.by_target = difference(base.by_target, point.by_target);
  out.cash_out_first = difference(base.cash_out_first, point.cash_out_first);
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
  figures.paths = result.paths;
  return figures;
}

SweepResult run_sweep(const SweepPlan& plan, const SweepOptions& options) {
  if (options.precision) {
    check_precision_goal(*options.precision);
    require_precision_headline(plan.base.target_period.has_value());
  }
  // Without a goal progress counts paths; with one, points (their path counts are found as
  // they run).
  const std::int64_t paths = options.precision ? 1 : plan.base.spec.simulation.paths;
  const auto runs = static_cast<std::int64_t>(plan.values.size() + 1);
  Progress progress{options, 0, paths * runs};
  PathFlags base_flags, point_flags;
  PointRun base = run_point(plan.base, progress, base_flags);
  if (options.precision && options.progress) options.progress(1, runs);

  SweepResult sweep;
  sweep.name = base.result.name;
  sweep.file = base.result.file;
  sweep.money_unit = base.result.money_unit;
  sweep.currency = base.result.currency;
  sweep.paths = base.result.paths;
  sweep.seed = base.result.seed;
  sweep.target = base.result.breakeven.target;
  sweep.precision = options.precision;
  for (const auto& axis : plan.axes) sweep.keys.push_back(axis.key);
  sweep.base = sweep_figures(base.result);
  sweep.base.precision = std::move(base.precision);
  const bool has_target = sweep.base.by_target.has_value();
  for (std::size_t i = 0; i < plan.values.size(); ++i) {
    progress.done_before = paths * static_cast<std::int64_t>(i + 1);
    PointRun run = run_point(point_model(plan, i), progress, point_flags);
    if (options.on_point) options.on_point(i, run.result);
    SweepPoint point;
    point.values = plan.values[i];
    point.figures = sweep_figures(run.result);
    point.figures.precision = std::move(run.precision);
    pair_with_base(base_flags, point_flags, has_target, point);
    sweep.points.push_back(std::move(point));
    if (options.precision && options.progress)
      options.progress(static_cast<std::int64_t>(i + 2), runs);
  }
  return sweep;
}

}  // namespace breakeven
