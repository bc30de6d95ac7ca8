// SPDX-License-Identifier: MIT
// Lane kernel (included per width by path_kernel.cpp): PeriodJudge, the break-even test for every
// lane. Reads each month's metric, which lanes are alive and their standalone low; writes each
// period's standalone low in the lane's workspace and the break-even period of its outcome.

/// Judge periods: sums the metric per period and judges each period as it closes. Periods are
/// contiguous runs of months, the same in every lane, so the sums and the judging run in lanes;
/// only the stores of a close go lane by lane. A lane whose break-even is found is judged no more.
class PeriodJudge {
 public:
  explicit PeriodJudge(const Model& model);
  void month(const Model& model, const LanePaths& group, int m, VD metric, VI alive,
             VD standalone_low);

 private:
  bool ttm_;
  int sustained_;
  double ttm_before_start_;
  int next_period_ = 0;  // the next period to judge, in time order
  int period_end_;
  VD period_sum_;
  int ttm_slot_ = 0;
  VD ttm_sum_;
  VD recent_metric_[12] = {};  // the trailing window, one vector per month of it
  // Per lane: the profitable periods in a row so far and the first of them, and whether the
  // break-even period is found (then the lane is judged no more).
  VI run_length_{}, run_start_{}, found_{};
};

PeriodJudge::PeriodJudge(const Model& model)
    : ttm_(model.spec.breakeven.period == PeriodKind::ttm),
      sustained_(model.spec.breakeven.sustained),
      ttm_before_start_(model.spec.state.ttm.value_or(0.0) / 12.0),
      period_end_(model.periods[0].last_month),
      // The open period already holds the ytd; the trailing window starts full of the months
      // before the start, state.ttm / 12 each.
      period_sum_(splat(ttm_ ? 0.0 : model.spec.state.ytd)),
      ttm_sum_(splat(model.spec.state.ttm.value_or(0.0))) {}

void PeriodJudge::month(const Model& model, const LanePaths& group, int m, VD metric, VI alive,
                        VD standalone_low) {
  if (ttm_) {
    const VD oldest = m >= 12 ? recent_metric_[ttm_slot_] : splat(ttm_before_start_);
    ttm_sum_ += metric - oldest;
    recent_metric_[ttm_slot_] = metric;
    ttm_slot_ = ttm_slot_ == 11 ? 0 : ttm_slot_ + 1;
    period_sum_ = ttm_sum_;
  } else {
    period_sum_ += metric;
  }
  if (m != period_end_) return;
  const VD sum = period_sum_;
  if (!ttm_) period_sum_ = VD{};
  // Every lane's low, also a found lane's: its value is read back only for the period found,
  // stored before the lane was found.
  for (int l = 0; l < kLanes; ++l)
    group.ws(l).standalone_low_by_period[at(next_period_)] = standalone_low[l];
  // A period holding the cash-out month, or after it, is not profitable. Decided in lanes: which
  // lanes' periods are profitable is random, so branches per lane would be mispredicted.
  const VI judged = ~found_;
  const VI profitable = judged & alive & (sum > 0);
  run_start_ = select(profitable & (run_length_ == 0), VI{} + next_period_, run_start_);
  run_length_ = select(profitable, run_length_ + 1, select(judged, VI{}, run_length_));
  const VI now_found = profitable & (run_length_ == sustained_);
  if (any(now_found)) {
    for (int l = 0; l < kLanes; ++l)
      if (now_found[l] != 0) group.out(l).breakeven_period = static_cast<int>(run_start_[l]);
    found_ |= now_found;
  }
  ++next_period_;
  const auto period_count = static_cast<int>(model.periods.size());
  period_end_ = next_period_ < period_count ? model.periods[at(next_period_)].last_month : kNever;
}
