// SPDX-License-Identifier: MIT
#pragma once

// Internal to path_simulator.cpp: CashStage, the main and standalone cash tracks with interest,
// tax after loss carryforward and the break-even metric (MainMonth). Reads the month's
// Operations, the cost stage's rates and the money in; writes both tracks' cash and loss pools,
// the runway and the cash-out month of the path's outcome.

#include <algorithm>
#include <limits>

#include "breakeven/engine/path_simulator.hpp"
#include "cost_stage.hpp"
#include "path_values.hpp"

namespace breakeven {
// Internal linkage: path_simulator.cpp is the only includer, so the path stays one translation
// unit and the compiler inlines the stages into the month loop as before.
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// Loss carryforward first, then the rate on what is left. Returns the tax; updates the pool.
double tax_after_losses(double pretax, double rate, double& loss_pool) {
  if (pretax <= 0) {
    loss_pool -= pretax;
    return 0;
  }
  const double used = std::min(loss_pool, pretax);
  loss_pool -= used;
  return rate * (pretax - used);
}

double metric_of(Metric metric, double net_income, double sbc, double operating_income,
                 double operating_cash_flow, double free_cash_flow) {
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

/// The main track's month, for the break-even metric, the year records and the trace.
struct MainMonth {
  double interest = 0, tax = 0, net_income = 0, free_cash_flow = 0, metric = 0;
};

/// Cash and funding, part two: the main cash track (with contingent raises, ends at the first
/// cash-out) and the standalone track (no contingent raises, runs on below the minimum).
class CashStage {
 public:
  explicit CashStage(const ScenarioSpec& spec)
      : cash_(spec.state.cash),
        standalone_cash_(spec.state.cash),
        loss_pool_(spec.tax.loss_carryforward),
        standalone_loss_pool_(spec.tax.loss_carryforward),
        minimum_(spec.cash.minimum),
        metric_kind_(spec.breakeven.metric) {}

  void standalone(const CostStage& costs, const Operations& ops, double scheduled_in, int m,
                  int months, PathOutcome& out);
  MainMonth main(const CostStage& costs, const Operations& ops, double funding_in);
  bool alive() const { return alive_; }
  double cash() const { return cash_; }
  double standalone_cash() const { return standalone_cash_; }
  double standalone_low() const { return standalone_low_; }
  double minimum() const { return minimum_; }
  void cash_out(int m, PathOutcome& out) {
    alive_ = false;
    out.cashout_month = m;
  }

 private:
  double cash_, standalone_cash_, loss_pool_, standalone_loss_pool_;
  double standalone_low_ = kInfinity;
  double minimum_;
  Metric metric_kind_;
  bool alive_ = true;
};

void CashStage::standalone(const CostStage& costs, const Operations& ops, double scheduled_in,
                           int m, int months, PathOutcome& out) {
  const double interest = std::max(standalone_cash_, 0.0) * costs.interest_rate;
  const double pretax = ops.operating_income + costs.subsidies + interest;
  const double net_income =
      pretax - tax_after_losses(pretax, costs.tax_rate, standalone_loss_pool_);
  standalone_cash_ += net_income + ops.non_cash - ops.wc_change - costs.capex + scheduled_in;
  standalone_low_ = std::min(standalone_low_, standalone_cash_);
  if (out.runway_months == months && standalone_cash_ < minimum_) out.runway_months = m;
}

MainMonth CashStage::main(const CostStage& costs, const Operations& ops, double funding_in) {
  MainMonth month;
  month.interest = std::max(cash_, 0.0) * costs.interest_rate;
  const double pretax = ops.operating_income + costs.subsidies + month.interest;
  month.tax = tax_after_losses(pretax, costs.tax_rate, loss_pool_);
  month.net_income = pretax - month.tax;
  const double operating_cash_flow = month.net_income + ops.non_cash - ops.wc_change;
  month.free_cash_flow = operating_cash_flow - costs.capex;
  cash_ += month.free_cash_flow + funding_in;
  month.metric = metric_of(metric_kind_, month.net_income, costs.sbc(), ops.operating_income,
                           operating_cash_flow, month.free_cash_flow);
  return month;
}

}  // namespace
}  // namespace breakeven
