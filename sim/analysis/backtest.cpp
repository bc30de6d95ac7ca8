// SPDX-License-Identifier: MIT
// Scores reported figures against the simulated distribution of the same metric and period.
#include "breakeven/analysis/backtest.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "breakeven/engine/period_samples.hpp"

namespace breakeven {
namespace {

// The break-even metric whose open period the scenario's `state.ytd` books, as an actual metric.
std::optional<ActualMetric> booked_metric(const ScenarioSpec& spec) {
  if (spec.breakeven.period == PeriodKind::ttm) return std::nullopt;
  if (spec.breakeven.metric == Metric::net_income) return ActualMetric::net_income;
  if (spec.breakeven.metric == Metric::operating_cash_flow)
    return ActualMetric::operating_cash_flow;
  return std::nullopt;
}

// A reported figure of the file for `metric` over exactly `first`..`last`.
const Actual* figure_for(const std::vector<Actual>& actuals, ActualMetric metric, YearMonth first,
                         YearMonth last, int fiscal_year_end) {
  for (const Actual& actual : actuals) {
    if (actual.metric != metric || !actual.value) continue;
    const MonthSpan span = period_months(actual.period, fiscal_year_end);
    if (span.first == first && span.last == last) return &actual;
  }
  return nullptr;
}

// The window of `check`'s actual in month indices, or the reason it cannot be judged.
std::optional<SampleWindow> window_of(const Model& model, const std::vector<Actual>& actuals,
                                      ActualCheck& check) {
  const ScenarioSpec& spec = model.spec;
  const MonthSpan span = period_months(check.actual.period, spec.company.fiscal_year_end);
  check.first_month = span.first.label();
  check.last_month = span.last.label();
  SampleWindow window;
  window.metric = check.actual.metric;
  window.first_month = span.first.ordinal() - spec.simulation.start.ordinal();
  window.last_month = span.last.ordinal() - spec.simulation.start.ordinal();
  if (window.last_month >= model.months) {
    check.reason = fmt::format("ends after the horizon ({})", spec.simulation.horizon.label());
    return std::nullopt;
  }
  if (window.last_month < 0) {
    check.reason =
        fmt::format("ends before the simulation starts ({})", spec.simulation.start.label());
    return std::nullopt;
  }
  if (window.metric == ActualMetric::cash || window.first_month >= 0) return window;
  // A period cut by the start: its months before the start must be booked, by a reported
  // figure of the same file or by the scenario's year-to-date of the open break-even period.
  const int fye = spec.company.fiscal_year_end;
  if (const Actual* before = figure_for(actuals, window.metric, span.first,
                                        spec.simulation.start.plus_months(-1), fye)) {
    window.booked = *before->value;
    window.first_month = 0;
    check.booked = window.booked;
    check.booked_from = before->period.label;
    return window;
  }
  const int open_first = model.periods.front().first_month;
  if (booked_metric(spec) == window.metric && open_first < 0 && window.first_month == open_first) {
    window.booked = spec.state.ytd;
    window.first_month = 0;
    check.booked = spec.state.ytd;
    check.booked_from = "state.ytd";
    return window;
  }
  check.reason = fmt::format(
      "begins before the simulation starts ({}) and the scenario books no {} for the months "
      "before it",
      spec.simulation.start.label(), actual_metric_name(window.metric));
  return std::nullopt;
}

}  // namespace

double sorted_quantile(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double weight = position - static_cast<double>(below);
  return sorted[below] + weight * (sorted[above] - sorted[below]);
}

double sample_crps(const std::vector<double>& sorted, double y) {
  const auto n = static_cast<double>(sorted.size());
  double distance_to_y = 0;
  double spread = 0;  // Σ (2i − n − 1) x_(i), i = 1..n
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    distance_to_y += std::abs(sorted[i] - y);
    spread += (2.0 * static_cast<double>(i + 1) - n - 1.0) * sorted[i];
  }
  return distance_to_y / n - spread / (n * n);
}

SampleScore score_sample(const std::vector<double>& sorted, double y) {
  SampleScore score;
  score.p05 = sorted_quantile(sorted, 0.05);
  score.p25 = sorted_quantile(sorted, 0.25);
  score.p50 = sorted_quantile(sorted, 0.50);
  score.p75 = sorted_quantile(sorted, 0.75);
  score.p95 = sorted_quantile(sorted, 0.95);
  const auto below = std::lower_bound(sorted.begin(), sorted.end(), y) - sorted.begin();
  const auto not_above = std::upper_bound(sorted.begin(), sorted.end(), y) - sorted.begin();
  score.pit = (static_cast<double>(below) + static_cast<double>(not_above)) / 2.0 /
              static_cast<double>(sorted.size());
  score.inside_50 = y >= score.p25 && y <= score.p75;
  score.inside_90 = y >= score.p05 && y <= score.p95;
  score.crps = sample_crps(sorted, y);
  return score;
}

BacktestResult run_backtest(const Model& model, const std::vector<Actual>& actuals,
                            const std::string& actuals_file, int threads) {
  const ScenarioSpec& spec = model.spec;
  BacktestResult result;
  result.name = spec.company.name;
  result.file = spec.file;
  result.actuals_file = actuals_file;
  result.as_of = spec.company.as_of;
  result.money_unit = spec.company.money_unit;
  result.currency = spec.company.currency;
  result.start = spec.simulation.start.label();
  result.horizon = spec.simulation.horizon.label();
  result.paths = spec.simulation.paths;
  result.seed = spec.simulation.seed;

  std::vector<SampleWindow> windows;
  std::vector<std::size_t> window_check;  // which check each window belongs to
  for (const Actual& actual : actuals) {
    ActualCheck& check = result.checks.emplace_back();
    check.actual = actual;
    if (auto window = window_of(model, actuals, check)) {
      windows.push_back(*window);
      window_check.push_back(result.checks.size() - 1);
    }
  }
  std::vector<WindowSamples> samples = sample_windows(model, windows, threads);

  double pit_sum = 0, crps_sum = 0;
  int inside_50 = 0, inside_90 = 0;
  for (std::size_t w = 0; w < windows.size(); ++w) {
    ActualCheck& check = result.checks[window_check[w]];
    std::vector<double>& values = samples[w].values;
    check.alive = static_cast<std::int64_t>(values.size());
    check.alive_share = static_cast<double>(values.size()) / static_cast<double>(samples[w].paths);
    if (values.empty()) {
      check.reason = "no path is alive at the period's end";
      continue;
    }
    std::sort(values.begin(), values.end());
    check.has_fan = true;
    if (!check.actual.value) {
      // Not reported yet: the fan only (scored at its own median, which no summary counts).
      check.score = score_sample(values, sorted_quantile(values, 0.5));
      continue;
    }
    check.score = score_sample(values, *check.actual.value);
    check.judged = true;
    ++result.judged;
    pit_sum += check.score.pit;
    crps_sum += check.score.crps;
    inside_50 += check.score.inside_50 ? 1 : 0;
    inside_90 += check.score.inside_90 ? 1 : 0;
  }
  if (result.judged > 0) {
    const auto n = static_cast<double>(result.judged);
    result.coverage_50 = inside_50 / n;
    result.coverage_90 = inside_90 / n;
    result.mean_pit = pit_sum / n;
    result.mean_crps = crps_sum / n;
  }
  return result;
}

}  // namespace breakeven
