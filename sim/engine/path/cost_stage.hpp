// SPDX-License-Identifier: MIT
#pragma once

// Internal to path_simulator.cpp: CostStage, one month's margin, cost lines, working capital and
// operating income (Operations). Reads the drawn parameters, the month's revenue and effects and
// the margin normals; writes its cost levels, stepped on by advance() after each month.

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "breakeven/engine/path_simulator.hpp"
#include "path_values.hpp"

namespace breakeven {
// Internal linkage: path_simulator.cpp is the only includer, so the path stays one translation
// unit and the compiler inlines the stages into the month loop as before.
namespace {

/// What one month's operations come to before interest, tax and funding.
struct Operations {
  double gross_margin, rnd, sga, operating_income, wc_change, non_cash;
};

/// Costs and income: margin, cost lines with their own growth, working capital, and the tax
/// rule shared by both cash tracks.
class CostStage {
 public:
  CostStage(const Model& model, Params param, double initial_annual_revenue, std::uint64_t seed,
            std::uint64_t path, PathWorkspace& ws);
  /// `respin_cost`: failed tape-outs this month, R&D spent on top of the plan.
  Operations month(const Model& model, int m, double revenue, const MonthEffects& fx,
                   double respin_cost);
  /// a_m = (1 + g)^(m / 12), one monthly step at a time.
  void advance() {
    rnd_ *= rnd_step_;
    sga_ *= sga_step_;
    sbc_ *= sbc_step_;
  }
  double sbc() const { return sbc_; }

  double depreciation, subsidies, interest_rate, capex, tax_rate;

 private:
  double gross_start_, gross_long_, margin_sd_;
  double rnd_, sga_, sbc_, rnd_step_, sga_step_, sbc_step_, rnd_floor_, sga_variable_;
  double wc_ratio_, previous_wc_;
  const double* margin_noise_ = nullptr;  // every month's normal, drawn in one block
};

CostStage::CostStage(const Model& model, Params param, double initial_annual_revenue,
                     std::uint64_t seed, std::uint64_t path, PathWorkspace& ws) {
  const ScenarioSpec& spec = model.spec;
  const ParamIndex& ix = model.index;
  gross_start_ = param(ix.gross);
  gross_long_ = param(ix.gross_long_run);
  margin_sd_ = spec.margin.noise;
  if (margin_sd_ > 0)
    margin_noise_ = draw_month_normals(model, seed, path, Substream::margin, ws.margin_normals);
  rnd_ = param(ix.rnd) / 12.0;
  sga_ = param(ix.sga) / 12.0;
  sbc_ = param(ix.sbc) / 12.0;
  rnd_step_ = std::pow(1.0 + param(ix.rnd_growth), 1.0 / 12.0);
  sga_step_ = std::pow(1.0 + param(ix.sga_growth), 1.0 / 12.0);
  sbc_step_ = std::pow(1.0 + param(ix.sbc_growth), 1.0 / 12.0);
  rnd_floor_ = spec.costs.rnd_revenue_floor.value_or(0.0);
  sga_variable_ = param(ix.sga_variable);
  depreciation = param(ix.depreciation) / 12.0;
  subsidies = param(ix.subsidies) / 12.0;
  interest_rate = param(ix.interest_rate) / 12.0;
  capex = param(ix.capex) / 12.0;
  wc_ratio_ = param(ix.working_capital_ratio) * 12.0;  // per unit of monthly revenue
  tax_rate = spec.tax.rate;
  previous_wc_ = wc_ratio_ / 12.0 * initial_annual_revenue;
}

Operations CostStage::month(const Model& model, int m, double revenue, const MonthEffects& fx,
                            double respin_cost) {
  Operations ops{};
  ops.gross_margin = gross_long_ + (gross_start_ - gross_long_) * model.margin_decay[at(m)] +
                     fx.gross_margin + (margin_sd_ > 0 ? margin_sd_ * margin_noise_[m] : 0.0);
  ops.gross_margin = std::clamp(ops.gross_margin, -1.0, 0.99);
  ops.rnd = std::max(rnd_ * fx.rnd, rnd_floor_ * revenue) + respin_cost;
  ops.sga = sga_ * fx.sga + sga_variable_ * revenue;
  ops.operating_income = revenue * ops.gross_margin - ops.rnd - ops.sga - sbc_ - depreciation;
  const double wc = wc_ratio_ * revenue;
  ops.wc_change = wc - previous_wc_;
  previous_wc_ = wc;
  ops.non_cash = sbc_ + depreciation;
  return ops;
}

}  // namespace
}  // namespace breakeven
