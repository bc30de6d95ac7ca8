// SPDX-License-Identifier: MIT
#include "breakeven/analysis/precision_run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "breakeven/analysis/summary.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

void check_goal(const LoadedRun& run, const PrecisionGoal& goal) {
  check_precision_goal(goal);
  const bool any_target = std::any_of(run.models.begin(), run.models.end(), [](const Model& m) {
    return m.spec.breakeven.target.has_value();
  });
  require_precision_headline(any_target);
}

/// Fills the outcome's half-widths from the results so far; returns the paths the widest
/// headline needs for the goal by its current estimate.
double assess(const RunResults& results, std::int64_t paths, PrecisionOutcome& outcome) {
  outcome.half_widths.assign(results.scenarios.size(), std::numeric_limits<double>::quiet_NaN());
  outcome.half_width = 0;
  double needed = 0;
  const double goal = outcome.goal.half_width;
  for (std::size_t i = 0; i < results.scenarios.size(); ++i) {
    const auto& headline = results.scenarios[i].breakeven.by_target;
    if (!headline) continue;
    const double width = headline_half_width(headline->p, paths);
    outcome.half_widths[i] = width;
    if (width > outcome.half_width) {
      outcome.half_width = width;
      outcome.widest = i;
    }
    const double p = headline->p;
    const double need = p > 0 && p < 1 ? kZ95 * kZ95 * p * (1 - p) / (goal * goal) : 3 / goal;
    needed = std::max(needed, need);
  }
  return needed;
}

}  // namespace

void require_precision_headline(bool has_headline) {
  if (!has_headline)
    throw UsageError(
        "--precision needs a headline to make precise: give breakeven.target in the scenario "
        "(or --set 'breakeven.target=\"2028\"')");
}

void check_precision_goal(const PrecisionGoal& goal) {
  if (!(goal.half_width > 0) || !(goal.half_width < 1))
    throw UsageError(
        fmt::format("--precision must be a half-width between 0 and 1, e.g. 0.002, "
                    "not {}",
                    goal.half_width));
  if (goal.max_paths < 1)
    throw UsageError(fmt::format("--max-paths must be at least 1, not {}", goal.max_paths));
}

double headline_half_width(double p, std::int64_t n) {
  const double paths = static_cast<double>(n);
  if (p <= 0 || p >= 1) return 3 / paths;
  return kZ95 * std::sqrt(p * (1 - p) / paths);
}

std::int64_t paths_for_half_width(double p, double h) {
  const double need = p > 0 && p < 1 ? kZ95 * kZ95 * p * (1 - p) / (h * h) : 3 / h;
  return static_cast<std::int64_t>(std::ceil(need / kBlockPaths)) * kBlockPaths;
}

std::int64_t next_round_end(std::int64_t done, double needed_paths, std::int64_t max_paths) {
  const double capped = std::min(needed_paths, static_cast<double>(max_paths));
  std::int64_t end = static_cast<std::int64_t>(std::ceil(capped / kBlockPaths)) * kBlockPaths;
  end = std::clamp(end, done + kBlockPaths, std::max(2 * done, done + kBlockPaths));
  return std::min(end, max_paths);
}

PrecisionRun run_plan_to_precision(RunPlan plan, const PrecisionGoal& goal,
                                   const RoundSummary& summarize, const EngineOptions& options,
                                   const RoundStart& before_round, PlanRunner* runner,
                                   const std::vector<PathColumn>& columns) {
  check_precision_goal(goal);
  // Every round is a range of one run of max_paths paths: block boundaries and stream keys do
  // not depend on the run's path count (it only bounds the ranges), so the merged rounds are
  // bit for bit the tallies of [0, stop).
  plan.paths = goal.max_paths;
  PrecisionRun result;
  PrecisionOutcome& outcome = result.outcome;
  outcome.goal = goal;
  RunTallies total;
  std::int64_t end = std::min(kFirstRoundPaths, goal.max_paths);
  while (true) {
    plan.begin = outcome.paths;
    plan.end = end;
    if (before_round) before_round(plan.begin, plan.end);
    RunTallies round =
        runner != nullptr ? runner->evaluate(plan, options, columns) : simulate(plan, options);
    if (outcome.rounds == 0)
      total = std::move(round);
    else
      merge_tallies(total, round);
    ++outcome.rounds;
    outcome.paths = end;
    total.paths = end;  // the whole run is what has been simulated so far
    // The tallies of [0, end): what a fixed run of that count gives.
    result.results = summarize(total);
    const double needed = assess(result.results, end, outcome);
    outcome.reached = outcome.half_width <= goal.half_width;
    if (outcome.reached || end >= goal.max_paths) break;
    total.paths = goal.max_paths;  // back to the plan's run for the next merge
    end = next_round_end(end, needed, goal.max_paths);
  }
  return result;
}

PrecisionRun run_to_precision(const LoadedRun& run, const PrecisionGoal& goal,
                              const EngineOptions& options, PlanRunner* runner) {
  check_goal(run, goal);
  return run_plan_to_precision(
      plan_of(run), goal, [&run](const RunTallies& tallies) { return summarize_run(run, tallies); },
      options, {}, runner);
}

}  // namespace breakeven
