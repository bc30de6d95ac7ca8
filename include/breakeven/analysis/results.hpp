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
};

struct CashOutResult {
  Estimate probability;
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
  BreakevenResult breakeven;
  CashOutResult cash_out;
  RunwayResult runway;
  FundingNeedResult funding_need;
  Fans fans;
  std::vector<MilestoneResult> milestones;  ///< one per [[milestones]], in file order
  std::vector<Assumption> assumptions;
  std::vector<std::string> warnings;
};

}  // namespace breakeven
