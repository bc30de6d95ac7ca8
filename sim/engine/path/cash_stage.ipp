// SPDX-License-Identifier: MIT
// Lane kernel (included per width by path_kernel.cpp): CashStage, the main and standalone cash
// tracks with interest, tax after loss carryforward and the break-even metric (MainMonth), for
// every lane. Reads the month's Operations, the cost stage's rates and the money in; writes both
// tracks' cash and loss pools, which lanes are alive, the runway and the cash-out month.

/// Loss carryforward first, then the rate on what is left. Returns the tax; updates the pool.
/// A lane with a loss adds it to its pool and pays nothing.
VD tax_after_losses(VD pretax, double rate, VD& loss_pool) {
  const VI loss = pretax <= 0;
  const VD used = vmin(loss_pool, pretax);
  loss_pool = select(loss, loss_pool - pretax, loss_pool - used);
  return select(loss, VD{}, rate * (pretax - used));
}

VD metric_of(Metric metric, VD net_income, VD sbc, VD operating_income, VD operating_cash_flow,
             VD free_cash_flow) {
  switch (metric) {
    case Metric::net_income:
      return net_income;
    case Metric::net_income_ex_sbc:
      return net_income + sbc;
    case Metric::operating_income:
      return operating_income;
    case Metric::operating_cash_flow:
      return operating_cash_flow;
    case Metric::free_cash_flow:
      return free_cash_flow;
  }
  return net_income;
}

/// The main track's month, for the break-even metric, the year records and the trace. In a lane
/// that has cashed out the values mean nothing: its readers mask them (the year records, the
/// period judge, raises), or take alive_only() (the trace).
struct MainMonth {
  VD interest{}, tax{}, net_income{}, free_cash_flow{}, metric{};
};

/// Cash and funding, part two: the main cash track (with contingent raises, ends at the first
/// cash-out) and the standalone track (no contingent raises, runs on below the minimum).
class CashStage {
 public:
  explicit CashStage(const Model& model)
      : cash_(splat(model.spec.state.cash)),
        standalone_cash_(cash_),
        loss_pool_(splat(model.spec.tax.loss_carryforward)),
        standalone_loss_pool_(loss_pool_),
        runway_months_(splat(model.months)),
        minimum_(model.spec.cash.minimum),
        months_(model.months),
        metric_kind_(model.spec.breakeven.metric) {}

  void standalone(const CostStage& costs, const Operations& ops, VD scheduled_in, int m);
  /// The main track's month, kept in the lanes still alive; the others keep their cash.
  MainMonth main(const CostStage& costs, const Operations& ops, VD funding_in);
  /// Lanes below the minimum cash now cash out in month m; returns them.
  VI cash_out(int m) {
    const VI out = alive_ & (cash_ < minimum_);
    cashout_month_ = select(out, splat(m), cashout_month_);
    alive_ &= ~out;
    return out;
  }
  VI alive() const { return alive_; }
  VD cash() const { return cash_; }
  VD standalone_cash() const { return standalone_cash_; }
  VD standalone_low() const { return standalone_low_; }
  double minimum() const { return minimum_; }
  /// Lane l's standalone runway (months; == the horizon when beyond it) and cash-out month (-1:
  /// never).
  int runway_months(int l) const { return static_cast<int>(runway_months_[l]); }
  int cashout_month(int l) const { return static_cast<int>(cashout_month_[l]); }

 private:
  VD cash_, standalone_cash_, loss_pool_, standalone_loss_pool_;
  VD standalone_low_ = splat(__builtin_inf());
  VD runway_months_, cashout_month_ = splat(-1);
  double minimum_;
  int months_;
  Metric metric_kind_;
  VI alive_ = VI{} - 1;
};

void CashStage::standalone(const CostStage& costs, const Operations& ops, VD scheduled_in, int m) {
  const VD interest = vmax(standalone_cash_, VD{}) * costs.interest_rate;
  const VD pretax = ops.operating_income + costs.subsidies + interest;
  const VD net_income = pretax - tax_after_losses(pretax, costs.tax_rate, standalone_loss_pool_);
  standalone_cash_ += net_income + ops.non_cash - ops.wc_change - costs.capex + scheduled_in;
  standalone_low_ = vmin(standalone_low_, standalone_cash_);
  const VI runs_out = (runway_months_ == months_) & (standalone_cash_ < minimum_);
  runway_months_ = select(runs_out, splat(m), runway_months_);
}

MainMonth CashStage::main(const CostStage& costs, const Operations& ops, VD funding_in) {
  MainMonth month;
  month.interest = vmax(cash_, VD{}) * costs.interest_rate;
  const VD pretax = ops.operating_income + costs.subsidies + month.interest;
  VD loss_pool = loss_pool_;
  month.tax = tax_after_losses(pretax, costs.tax_rate, loss_pool);
  month.net_income = pretax - month.tax;
  const VD operating_cash_flow = month.net_income + ops.non_cash - ops.wc_change;
  month.free_cash_flow = operating_cash_flow - costs.capex;
  month.metric = metric_of(metric_kind_, month.net_income, ops.sbc, ops.operating_income,
                           operating_cash_flow, month.free_cash_flow);
  cash_ = select(alive_, cash_ + (month.free_cash_flow + funding_in), cash_);
  loss_pool_ = select(alive_, loss_pool, loss_pool_);
  return month;
}

MainMonth alive_only(const MainMonth& month, VI alive) {
  return {select(alive, month.interest, VD{}), select(alive, month.tax, VD{}),
          select(alive, month.net_income, VD{}), select(alive, month.free_cash_flow, VD{}),
          select(alive, month.metric, VD{})};
}
