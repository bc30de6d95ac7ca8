// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "breakeven/model/model.hpp"
#include "breakeven/scenario/actuals.hpp"

namespace breakeven {

/// Where one number falls in a simulated sample: the quantiles of its fan, its percentile (PIT),
/// whether the central 50 % and 90 % bands hold it, and its CRPS.
struct SampleScore {
  double p05 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0;
  double pit = 0;  ///< share of the sample below the number, ties counted half
  bool inside_50 = false, inside_90 = false;
  double crps = 0;  ///< in the sample's unit; 0 only for a perfect point forecast
};

/// Linear-interpolation quantile (type 7) of a sorted, non-empty sample.
double sorted_quantile(const std::vector<double>& sorted, double q);

/// The continuous ranked probability score of the empirical distribution of `sorted` (sorted,
/// non-empty) at `y`, exactly: E|X − y| − ½ E|X − X'|, with the second term from the order
/// statistics, (1/n²) Σ (2i − n − 1) x_(i).
double sample_crps(const std::vector<double>& sorted, double y);

/// All of SampleScore for `y` against `sorted` (sorted, non-empty). The bands are the closed
/// intervals [p25, p75] and [p05, p95].
SampleScore score_sample(const std::vector<double>& sorted, double y);

/// One actual held against the simulation.
struct ActualCheck {
  Actual actual;
  std::string first_month, last_month;  ///< calendar months the period spans ("2026-04")
  bool has_fan = false;  ///< the period lies inside the simulation and some path is alive
  bool judged = false;   ///< has_fan and the figure is reported: it is scored and counted
  std::string reason;    ///< why it has no fan (outside the simulated months, no path alive)
  /// The part of the period before the start, added to every path: a reported figure of the
  /// same file for exactly those months, else the scenario's year-to-date; 0 if none.
  double booked = 0;
  std::string booked_from;  ///< "2026-Q1" (a period of the file), "state.ytd", or empty
  std::int64_t alive = 0;   ///< paths not cashed out by the period's end
  double alive_share = 0;
  SampleScore score;
};

/// The whole backtest of one scenario against one actuals file.
struct BacktestResult {
  std::string name, file, actuals_file, as_of, money_unit, currency, start, horizon;
  std::int64_t paths = 0;
  std::uint64_t seed = 0;
  std::vector<ActualCheck> checks;  ///< in the actuals file's order
  int judged = 0;
  double coverage_50 = 0, coverage_90 = 0;  ///< shares of judged actuals inside the bands
  double mean_pit = 0, mean_crps = 0;
};

/// Holds `actuals` against `model`: each actual whose period lies inside the simulated months is
/// compared with that metric over that period on the paths alive at its end. A flow period that
/// begins before the start is judged when its months before the start are booked: another row
/// of the file covers exactly those months (Q1 for H1 when the start is April), or the metric is
/// the break-even metric (net_income, operating_cash_flow) and the period begins with the open
/// break-even period, whose year-to-date the scenario holds (`state.ytd`). Rows without a value
/// get their fan only. Others are listed with the reason. `threads` 0: all cores; the result
/// does not depend on it.
BacktestResult run_backtest(const Model& model, const std::vector<Actual>& actuals,
                            const std::string& actuals_file, int threads = 0);

}  // namespace breakeven
