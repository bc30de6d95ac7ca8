// SPDX-License-Identifier: MIT
#include "breakeven/analysis/solve.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "breakeven/analysis/precision_run.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

/// The output a condition tests, from one scenario's results.
Estimate output_of(const ScenarioResult& result, SolveOutput output) {
  const BreakevenResult& b = result.breakeven;
  switch (output) {
    case SolveOutput::p_by_target:
      if (!b.by_target)
        throw UsageError(result.file +
                         " has no breakeven.target, so p_by_target is not defined: give one (or "
                         "--set 'breakeven.target=\"2028\"')");
      return *b.by_target;
    case SolveOutput::p_no_cash_out_first:
      return {1 - b.cash_out_first.p, b.cash_out_first.se};
    case SolveOutput::p_within_horizon: {
      const double p = b.distribution.empty() ? 0.0 : b.distribution.back().cumulative;
      return {p, std::sqrt(p * (1 - p) / static_cast<double>(result.paths))};
    }
  }
  return {};
}

/// Runs the scenario with the key at a tick, once per tick: the search and the two interval
/// searches share their evaluations.
class Evaluator {
 public:
  Evaluator(const SolveRequest& request, const SolveKey& key, const EngineOptions& options,
            PlanRunner& runner)
      : request_(request), key_(key), options_(options), runner_(runner) {}

  const SolveEvaluation& at(std::int64_t tick) {
    auto found = cache_.find(tick);
    if (found != cache_.end()) return found->second;
    RunRequest run = request_.run;
    // Last, so it wins over any --set of the same key.
    run.overrides.push_back({key_.key, key_.toml(tick)});
    const LoadedRun loaded = load_run(run);
    // Every process of a group sees the result, so all choose the same next tick.
    const RunResults results =
        summarize_run(loaded, runner_.evaluate(plan_of(loaded), options_, {}));
    const Estimate e = output_of(results.scenarios.front(), request_.condition.output);
    return cache_.emplace(tick, SolveEvaluation{tick, e.p, e.se}).first->second;
  }

  /// Whether the condition holds at a tick for the estimate shifted by `ends` half-widths in its
  /// favour: 0 the estimate itself, +1 the end of its 95 % interval that meets it soonest, -1 the
  /// other end.
  bool holds(std::int64_t tick, int ends) {
    const SolveEvaluation& e = at(tick);
    const SolveCondition& c = request_.condition;
    const double margin = c.at_least ? e.estimate - c.target : c.target - e.estimate;
    return margin + ends * kZ95 * e.se >= 0;
  }

  /// Bisects between a tick where the shifted condition fails and one where it holds, down to
  /// neighbouring ticks; returns the one where it holds.
  std::int64_t boundary(std::int64_t fails, std::int64_t holds_at, int ends) {
    narrow(fails, holds_at, ends);
    while (std::llabs(holds_at - fails) > 1) {
      const std::int64_t middle = fails + (holds_at - fails) / 2;
      (holds(middle, ends) ? holds_at : fails) = middle;
    }
    return holds_at;
  }

  /// Moves the bracket onto the evaluations already made inside it, walking from the failing
  /// end to the first one that holds: the interval searches then cost few new runs, and none
  /// when the standard error is 0.
  void narrow(std::int64_t& fails, std::int64_t& holds_at, int ends) {
    std::vector<std::int64_t> inside;
    for (const auto& entry : cache_)
      if (std::min(fails, holds_at) < entry.first && entry.first < std::max(fails, holds_at))
        inside.push_back(entry.first);
    if (holds_at < fails) std::reverse(inside.begin(), inside.end());
    for (const std::int64_t tick : inside) {
      if (holds(tick, ends)) {
        holds_at = tick;
        return;
      }
      fails = tick;
    }
  }

  std::vector<SolveEvaluation> evaluations() const {
    std::vector<SolveEvaluation> list;
    for (const auto& [tick, evaluation] : cache_) list.push_back(evaluation);
    return list;
  }

 private:
  const SolveRequest& request_;
  const SolveKey& key_;
  const EngineOptions& options_;
  PlanRunner& runner_;
  std::map<std::int64_t, SolveEvaluation> cache_;
};

TickRange requested_range(const SolveRequest& request, const SolveKey& key,
                          const ScenarioSpec& spec) {
  if (!request.between) return default_range(key, spec);
  const std::string& text = *request.between;
  const std::size_t comma = text.find(',');
  if (comma == std::string::npos)
    throw UsageError(fmt::format("--between '{}': expected LO,HI, e.g. --between 0,80", text));
  const TickRange range{key.parse(text.substr(0, comma)), key.parse(text.substr(comma + 1))};
  if (range.lo >= range.hi)
    throw UsageError(fmt::format("--between '{}': LO must be below HI (on the key's grid of {})",
                                 text, key.text(1)));
  return range;
}

/// Fills the answer and its interval once the ends of the range differ as asked.
void search(Evaluator& evaluator, std::int64_t fails, std::int64_t holds_at, SolveResult& result) {
  const std::int64_t answer = evaluator.boundary(fails, holds_at, 0);
  const std::int64_t toward_fail = fails < holds_at ? -1 : 1;
  // The interval end where the favourable end of the 95 % interval crosses the target lies
  // between the failing end and the answer; the other between the answer and the holding end.
  std::int64_t soon = fails, late = holds_at;
  bool soon_open = evaluator.holds(fails, +1), late_open = !evaluator.holds(holds_at, -1);
  if (!soon_open) soon = evaluator.boundary(fails, answer, +1);
  if (!late_open) late = evaluator.boundary(answer + toward_fail, holds_at, -1);
  result.status = SolveStatus::solved;
  result.value = answer;
  result.interval_lo = std::min(soon, late);
  result.interval_hi = std::max(soon, late);
  result.interval_lo_open = soon < late ? soon_open : late_open;
  result.interval_hi_open = soon < late ? late_open : soon_open;
}

SolveResult prepared_result(const SolveRequest& request, const LoadedRun& base) {
  const ScenarioSpec& spec = base.models.front().spec;
  SolveResult result;
  result.key = solve_key(request.key);
  result.condition = request.condition;
  result.largest = request.largest;
  result.default_range = !request.between;
  result.range = requested_range(request, result.key, spec);
  result.name = spec.company.name;
  result.file = spec.file;
  result.money_unit = spec.company.money_unit;
  result.currency = spec.company.currency;
  result.paths = base.paths;
  result.seed = base.seed;
  return result;
}

/// The request with the path count a precision goal asks for.
SolveRequest with_precision_paths(const SolveRequest& request) {
  SolveRequest sized = request;
  if (!request.precision) return sized;
  const double h = *request.precision;
  if (!(h > 0 && h < 1))
    throw UsageError(
        fmt::format("--precision must be a half-width between 0 and 1, e.g. 0.005, "
                    "not {}",
                    h));
  if (request.max_paths < 1)
    throw UsageError(fmt::format("--max-paths must be at least 1, not {}", request.max_paths));
  sized.run.paths = std::min(paths_for_half_width(request.condition.target, h), request.max_paths);
  return sized;
}

}  // namespace

SolveResult solve(const SolveRequest& asked, const EngineOptions& options, PlanRunner* runner) {
  if (asked.run.scenarios.size() != 1) throw UsageError("solve takes exactly one scenario file");
  solve_key(asked.key);  // an unknown key fails before the file is even read
  const SolveRequest request = with_precision_paths(asked);
  const LoadedRun base = load_run(request.run);
  SolveResult result = prepared_result(request, base);
  result.precision = request.precision;
  Evaluator evaluator(request, result.key, options, runner != nullptr ? *runner : local_runner());
  // The smallest value that holds lies between a low end that fails and a high end that holds;
  // the largest the other way round.
  const std::int64_t expect_fail = request.largest ? result.range.hi : result.range.lo;
  const std::int64_t expect_hold = request.largest ? result.range.lo : result.range.hi;
  const bool fail_end_holds = evaluator.holds(expect_fail, 0);
  const bool hold_end_holds = evaluator.holds(expect_hold, 0);
  if (fail_end_holds && hold_end_holds)
    result.status = SolveStatus::everywhere;
  else if (!fail_end_holds && !hold_end_holds)
    result.status = SolveStatus::nowhere;
  else if (fail_end_holds)
    result.status = SolveStatus::reversed;
  else
    search(evaluator, expect_fail, expect_hold, result);
  result.evaluations = evaluator.evaluations();
  return result;
}

std::string unsolved_message(const SolveResult& r) {
  const std::string range = fmt::format("[{}, {}]", r.key.text(r.range.lo), r.key.text(r.range.hi));
  const std::string condition = r.condition.text();
  const auto& first = r.evaluations.front();
  const auto& last = r.evaluations.back();
  const std::string ends =
      fmt::format("(estimate {:.4f} at {}, {:.4f} at {})", first.estimate, r.key.text(first.tick),
                  last.estimate, r.key.text(last.tick));
  switch (r.status) {
    case SolveStatus::nowhere:
      return fmt::format(
          "{} holds nowhere for {} in {} {}: the target is out of reach in this "
          "range; widen it with --between",
          condition, r.key.key, range, ends);
    case SolveStatus::everywhere:
      return fmt::format(
          "{} already holds at both ends of {} for {} {}: nothing to find in "
          "this range; move it with --between",
          condition, range, r.key.key, ends);
    case SolveStatus::reversed:
      return fmt::format(
          "{} holds at the {} end of {} for {} but not at the other {}: the "
          "output moves the other way, so the {} value that holds is the range's "
          "end; {} --largest",
          condition, r.largest ? "high" : "low", range, r.key.key, ends,
          r.largest ? "largest" : "smallest", r.largest ? "drop" : "add");
    case SolveStatus::solved:
      break;
  }
  return {};
}

}  // namespace breakeven
