// SPDX-License-Identifier: MIT
// Lane kernel (included per width by path_kernel.cpp): YearRecorder, the fiscal-year records
// behind the fans, for every lane. Reads each month's revenue, net income and main-track cash;
// writes the lanes' outcomes' years.

/// Record: the fiscal year's revenue, net income and closing cash, for the fans. Years are
/// contiguous runs of months, the same in every lane, closed on a known month. A lane counts only
/// the months it is alive in; a year closing after its cash-out keeps no closing cash.
class YearRecorder {
 public:
  YearRecorder(const Model& model, const LanePaths& group) {
    for (int l = 0; l < kLanes; ++l)
      for (YearRecord& year : group.out(l).years) year = YearRecord{};
    const ScenarioSpec& spec = model.spec;
    const bool ytd_in_first_year =
        spec.breakeven.metric == Metric::net_income && spec.breakeven.period == PeriodKind::year;
    if (ytd_in_first_year) net_income_ = splat(spec.state.ytd);
    count_ = model.fiscal_years.size();
    year_end_ = count_ == 0 ? kNever : model.fiscal_years[0].last_month;
  }
  /// Month m of the lanes `alive` at its start (the others record nothing).
  void month(const Model& model, const LanePaths& group, int m, VI alive, VD revenue, VD net_income,
             VD cash, double minimum) {
    revenue_ += select(alive, revenue, VD{});
    net_income_ += select(alive, net_income, VD{});
    if (m != year_end_) return;
    // Decided in lanes, then stored lane by lane without a branch (which lanes are alive is
    // random): a lane out before the month keeps YearRecord's 0 and false.
    const VD closing_cash = select(alive, cash, VD{});
    const VI solvent = alive & (cash >= minimum);
    for (int l = 0; l < kLanes; ++l) {
      YearRecord& year = group.out(l).years[index_];
      year.revenue = revenue_[l];
      year.net_income = net_income_[l];
      year.closing_cash = closing_cash[l];
      year.alive = solvent[l] != 0;
    }
    revenue_ = net_income_ = VD{};
    ++index_;
    year_end_ = index_ < count_ ? model.fiscal_years[index_].last_month : kNever;
  }
  /// A year the horizon ends inside keeps what it summed.
  void finish(const LanePaths& group) {
    if (index_ >= count_) return;
    for (int l = 0; l < kLanes; ++l) {
      YearRecord& year = group.out(l).years[index_];
      year.revenue = revenue_[l];
      year.net_income = net_income_[l];
    }
  }

 private:
  std::size_t index_ = 0, count_ = 0;
  int year_end_;
  VD revenue_{}, net_income_{};
};
