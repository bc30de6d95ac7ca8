// SPDX-License-Identifier: MIT
#pragma once

// Internal to path_simulator.cpp: PeriodJudge, the break-even test. Reads each month's metric,
// whether the main track is alive and the standalone low; writes the trailing window and each
// period's standalone low in the workspace and the break-even period of the path's outcome.

#include "breakeven/engine/path_simulator.hpp"
#include "path_values.hpp"

namespace breakeven {
// Internal linkage: path_simulator.cpp is the only includer, so the path stays one translation
// unit and the compiler inlines the stages into the month loop as before.
namespace {

/// Judge periods: sums the metric per period and judges each period as it closes. Periods are
/// contiguous runs of months, so it keeps a running sum and the month the period closes in.
class PeriodJudge {
 public:
  explicit PeriodJudge(const Model& model);
  void month(const Model& model, PathWorkspace& ws, int m, double metric, bool alive,
             double standalone_low, PathOutcome& out);

 private:
  bool ttm_;
  int sustained_;
  double ttm_before_start_;
  int next_period_ = 0;  // the next period to judge, in time order
  int period_end_;
  double period_sum_;
  int ttm_slot_ = 0;
  int run_length_ = 0, run_start_ = -1;
  double ttm_sum_;
};

PeriodJudge::PeriodJudge(const Model& model)
    : ttm_(model.spec.breakeven.period == PeriodKind::ttm),
      sustained_(model.spec.breakeven.sustained),
      ttm_before_start_(model.spec.state.ttm.value_or(0.0) / 12.0),
      period_end_(model.periods[0].last_month),
      // The open period already holds the ytd; the trailing window starts full of the months
      // before the start, state.ttm / 12 each.
      period_sum_(ttm_ ? 0.0 : model.spec.state.ytd),
      ttm_sum_(model.spec.state.ttm.value_or(0.0)) {}

void PeriodJudge::month(const Model& model, PathWorkspace& ws, int m, double metric, bool alive,
                        double standalone_low, PathOutcome& out) {
  if (out.breakeven_period >= 0) return;
  if (ttm_) {
    const double oldest = m >= 12 ? ws.recent_metric[at(ttm_slot_)] : ttm_before_start_;
    ttm_sum_ += metric - oldest;
    ws.recent_metric[at(ttm_slot_)] = metric;
    ttm_slot_ = ttm_slot_ == 11 ? 0 : ttm_slot_ + 1;
    period_sum_ = ttm_sum_;
  } else {
    period_sum_ += metric;
  }
  if (m != period_end_) return;
  const double sum = period_sum_;
  if (!ttm_) period_sum_ = 0;
  ws.standalone_low_by_period[at(next_period_)] = standalone_low;
  // A period holding the cash-out month, or after it, is not profitable.
  if (alive && sum > 0) {
    if (run_length_ == 0) run_start_ = next_period_;
    if (++run_length_ == sustained_) out.breakeven_period = run_start_;
  } else {
    run_length_ = 0;
  }
  ++next_period_;
  const auto period_count = static_cast<int>(model.periods.size());
  period_end_ = next_period_ < period_count ? model.periods[at(next_period_)].last_month : kNever;
}

}  // namespace
}  // namespace breakeven
