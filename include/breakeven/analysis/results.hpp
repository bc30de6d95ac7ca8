// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "breakeven/scenario/scenario_spec.hpp"

namespace breakeven {

/// A Monte Carlo probability with its standard error sqrt(p (1 - p) / N).
struct Estimate {
  double p = 0;
  double se = 0;
};

struct PeriodProbability {
  std::string period;
  double p = 0;
  double cumulative = 0;
  double se = 0;
};

struct BreakevenResult {
  Metric metric;
  PeriodKind period;
  std::optional<std::string> target;
  std::optional<Estimate> by_target;  ///< the headline
  std::vector<PeriodProbability> distribution;
  Estimate not_within_horizon;
  Estimate cash_out_first;
  std::string p10, p50, p90;  ///< period labels, or "never"
};

struct YearProbability {
  std::string year;
  Estimate estimate;
  Estimate before_breakeven;  ///< the part of `estimate` on paths not yet broken even
};

/// Running out of cash, with the funding policy. A path can run out before it first breaks
/// even (the same paths as BreakevenResult::cash_out_first) or after it broke even and slid back.
struct CashOutResult {
  Estimate probability;
  Estimate before_breakeven, after_breakeven;  ///< the two add up to `probability`
  std::vector<YearProbability> by_year;
};

struct RunwayResult {
  int horizon_months = 0;  ///< a quantile equal to this means "beyond the horizon"
  int p10 = 0, p50 = 0, p90 = 0;
  Estimate lt12, lt24, lt36, beyond_horizon;
  std::vector<double> share_by_month;  ///< index 0..horizon_months, sums to 1
};

struct HistogramBin {
  double lo = 0, hi = 0;
  double p = 0;
};

struct FundingNeedResult {
  double mean = 0, p50 = 0, p90 = 0, p95 = 0;
  Estimate none;
  std::vector<HistogramBin> histogram;  ///< of the positive needs, as shares of all paths
};

struct FanPoint {
  std::string year;
  double p05 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0;
  double alive = 0;  ///< share of paths included (not cashed out by the year's end)
  int months = 12;   ///< simulated months in this fiscal year (the first and last may be partial)
};

struct Fans {
  std::vector<FanPoint> revenue, net_income, cash;
};

/// How one milestone fared over the paths: how often it succeeded, and when.
struct MilestoneResult {
  std::string name;
  std::string planned;  ///< the planned month of the first attempt
  Estimate success;     ///< P(success within the horizon)
  /// Success month among the paths where it succeeded ("" when it never did).
  std::string p10, p50, p90;
  double mean_month = 0;  ///< mean success month, months from the start, among successes
  std::vector<double> share_by_month;  ///< of all paths, per simulated month
};

/// A key assumption as written, for reports ("revenue.growth" -> "lognormal(p05 0.4, p95 1.5)").
struct Assumption {
  std::string key;
  std::string value;
};

/// Everything a run reports for one scenario: what SPEC §4 lists, computed from a Tally.
struct ScenarioResult {
  std::string name, file, money_unit, currency;
  std::int64_t paths = 0;
  std::uint64_t seed = 0;
  std::string start, horizon;
  std::string as_of;  ///< company.as_of: the date the scenario's data stop at; empty if not given
  BreakevenResult breakeven;
  CashOutResult cash_out;
  RunwayResult runway;
  FundingNeedResult funding_need;
  Fans fans;
  std::vector<MilestoneResult> milestones;  ///< one per [[milestones]], in file order
  std::vector<Assumption> assumptions;
  std::vector<std::string> warnings;
  bool funding_policy = false;  ///< the file has [funding.policy]: raises when runway runs low
};

/// For one calendar year of a batch: P(exactly k scenarios have done it by the year's end).
struct CountRow {
  std::string year;
  std::vector<Estimate> p;  ///< k = 0 .. number of scenarios; the p sum to 1
};

/// Who breaks even first, comparing the end months of the two break-even periods.
struct PairResult {
  std::string a, b;
  Estimate a_first, b_first, same_month, neither;  ///< sum to 1
};

/// Joint results of a batch of different companies simulated path by path together.
struct JointResult {
  std::vector<std::string> scenarios;  ///< the names, in order
  std::vector<CountRow> breakeven_count;
  std::vector<CountRow> cash_out_count;
  /// P(every / no scenario breaks even by its own target); absent when a scenario has no target.
  std::optional<Estimate> all_by_target, none_by_target;
  std::vector<PairResult> pairs;  ///< (0,1), (0,2), ..., (1,2), ...
};

}  // namespace breakeven
