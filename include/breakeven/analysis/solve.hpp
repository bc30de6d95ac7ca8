// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "breakeven/analysis/batch_run.hpp"
#include "breakeven/analysis/plan_runner.hpp"
#include "breakeven/analysis/solve_key.hpp"

namespace breakeven {

/// The outputs a condition can test: P(break-even by target), 1 - P(cash-out first),
/// P(break-even within the horizon).
enum class SolveOutput { p_by_target, p_no_cash_out_first, p_within_horizon };

std::string to_string(SolveOutput output);

/// "OUTPUT >= X" or "OUTPUT <= X", X a share in [0, 1].
struct SolveCondition {
  SolveOutput output = SolveOutput::p_by_target;
  bool at_least = true;  ///< >= (else <=)
  double target = 0;
  std::string text() const;  ///< "p_by_target >= 0.95"
};

/// Reads "p_no_cash_out_first >= 0.95" (spaces optional). Throws UsageError naming the text.
SolveCondition parse_condition(std::string_view text);

/// What `solve` is asked: one scenario file (with its --set overrides, path count and seed), the
/// key to search, the condition, the range (ticks of the key; default_range without one) and
/// whether the largest rather than the smallest value that holds is wanted.
struct SolveRequest {
  RunRequest run;
  std::string key;
  SolveCondition condition;
  std::optional<std::string> between;  ///< "LO,HI" as written
  bool largest = false;
  /// With a half-width H: every evaluation runs paths_for_half_width(X, H) paths (X the
  /// condition's target, capped at max_paths), so the estimate at the answer, which is close to
  /// X, has a 95 % interval of about +-H. Replaces run.paths.
  std::optional<double> precision;
  std::int64_t max_paths = 10'000'000;
};

/// One run of the scenario with the key at `tick`.
struct SolveEvaluation {
  std::int64_t tick = 0;
  double estimate = 0;
  double se = 0;
};

/// How the search ended: the condition changes in the range as asked, or it holds at neither
/// end, at both ends, or only at the end the question does not expect (the output moves the
/// other way: the smallest value that holds is the range's own end).
enum class SolveStatus { solved, nowhere, everywhere, reversed };

/// The answer with its 95 % interval: `interval_lo`/`interval_hi` are where the ends of the
/// condition's 95 % interval (estimate -+ 1.96 se) cross the target; an end that does not cross
/// inside the range is the range's end and flagged open.
struct SolveResult {
  SolveKey key;
  SolveCondition condition;
  bool largest = false;
  TickRange range;
  bool default_range = false;
  SolveStatus status = SolveStatus::solved;
  std::int64_t value = 0;
  std::int64_t interval_lo = 0, interval_hi = 0;
  bool interval_lo_open = false, interval_hi_open = false;
  std::vector<SolveEvaluation> evaluations;  ///< by tick, each tick once
  // What ran: for reports.
  std::string name, file, money_unit, currency;
  std::int64_t paths = 0;
  std::uint64_t seed = 0;
  std::optional<double> precision;  ///< the half-width asked for, if the path count came from it
};

/// The search: evaluates both ends of the range, then bisects on the key's grid to its
/// tolerance for the condition itself and for each end of its 95 % interval. Every evaluation is
/// a run of the same file, seed and path count with `--set KEY=value` added last, so all of them
/// reuse the same paths' random draws (common random numbers) and differences between them are
/// the model's, not noise. Throws ScenarioError for a bad file or value, UsageError for a bad
/// request (key, range, an output the scenario cannot give). Each evaluation runs on `runner`
/// (none: this process alone); every process of a group makes the same search.
SolveResult solve(const SolveRequest& request, const EngineOptions& options = {},
                  PlanRunner* runner = nullptr);

/// The message for a search that did not end in `solved`, e.g. "p_by_target >= 0.95 holds
/// nowhere for funding.rounds.1.amount in [0.00, 80.00]: ...".
std::string unsolved_message(const SolveResult& result);

}  // namespace breakeven
