// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "breakeven/analysis/batch_run.hpp"
#include "breakeven/analysis/plan_runner.hpp"

namespace breakeven {

/// Two-sided 95 % normal quantile: a half-width is this many standard errors.
inline constexpr double kZ95 = 1.959963984540054;

/// The first round of a run to precision: four blocks, enough for a first estimate of p.
inline constexpr std::int64_t kFirstRoundPaths = 4 * kBlockPaths;

/// Default cap on the paths of a run to precision.
inline constexpr std::int64_t kDefaultMaxPaths = 10'000'000;

/// When to stop: every scenario's headline P(break-even by target) known to +- `half_width`
/// (95 % interval), or `max_paths` paths simulated, whichever comes first.
struct PrecisionGoal {
  double half_width = 0.002;
  std::int64_t max_paths = kDefaultMaxPaths;
};

/// Where a run to precision stopped and why.
struct PrecisionOutcome {
  PrecisionGoal goal;
  std::int64_t paths = 0;  ///< paths used: the run equals a fixed run of this many paths
  int rounds = 0;          ///< rounds simulated
  bool reached = false;    ///< false: stopped at max_paths first
  double half_width = 0;   ///< the widest headline half-width at the stop
  std::size_t widest = 0;  ///< index of the scenario with that half-width
  /// Per scenario, in run order; NaN for a scenario without a break-even target.
  std::vector<double> half_widths;
};

struct PrecisionRun {
  RunResults results;
  PrecisionOutcome outcome;
};

/// The 95 % half-width of a headline estimated as p from n paths: z * sqrt(p (1 - p) / n). When
/// no path or every path succeeded the normal interval has width 0, which says nothing; the
/// "rule of three" half-width 3 / n (the 95 % bound for an event never seen in n trials) is used
/// instead, so a run never stops on a degenerate estimate after its first round.
double headline_half_width(double p, std::int64_t n);

/// The fewest whole blocks of paths whose 95 % half-width for an estimate p is at most h:
/// z^2 p (1 - p) / h^2, or 3 / h when p is 0 or 1 (the rule of three below).
std::int64_t paths_for_half_width(double p, double h);

/// The path count the next round ends at, from the path count so far and the count the widest
/// headline needs by the current estimate: the need rounded up to whole blocks, at least one
/// block more and at most double, never past max_paths.
std::int64_t next_round_end(std::int64_t done, double needed_paths, std::int64_t max_paths);

/// Throws UsageError naming --precision for a half-width outside (0, 1) and --max-paths for a
/// cap below 1.
void check_precision_goal(const PrecisionGoal& goal);
/// Throws UsageError unless the run has a headline (a breakeven.target) to make precise.
void require_precision_headline(bool has_headline);

/// The results of the paths [0, tallies.paths) simulated so far, from their merged tallies.
using RoundSummary = std::function<RunResults(const RunTallies& tallies)>;
/// Called before each round with its path range [begin, end), e.g. to size per-path storage.
using RoundStart = std::function<void(std::int64_t begin, std::int64_t end)>;

/// The round loop of a run to precision for any plan: `plan`'s models on rounds of whole blocks
/// of one run of `goal.max_paths` paths (its own paths, begin and end are ignored), each round
/// merged exactly and summarised, the stop checked only between rounds on the headlines of the
/// summary. The stop depends on the plan's models, seed and the goal only, never on threads.
/// Each round runs on `runner` (none: this process alone), which fills `columns` for its range.
PrecisionRun run_plan_to_precision(RunPlan plan, const PrecisionGoal& goal,
                                   const RoundSummary& summarize, const EngineOptions& options = {},
                                   const RoundStart& before_round = {},
                                   PlanRunner* runner = nullptr,
                                   const std::vector<PathColumn>& columns = {});

/// Simulates the loaded run in rounds until the goal is met. Rounds are whole path ranges of one
/// run, merged exactly, and the stop check runs only between rounds on the merged tallies, so
/// the stop depends on the scenarios, the seed and the goal only, never on threads; and the
/// results are those of `run_scenarios` on the same run with `paths` set to the stopping count.
/// `run.paths` is ignored. Throws UsageError for a goal that is not positive, a max_paths below
/// 1, or a run in which no scenario has a break-even target. Each round runs on `runner` (none:
/// this process alone).
PrecisionRun run_to_precision(const LoadedRun& run, const PrecisionGoal& goal,
                              const EngineOptions& options = {}, PlanRunner* runner = nullptr);

}  // namespace breakeven
