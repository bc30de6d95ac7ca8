// SPDX-License-Identifier: MIT
// Lane kernel (included per width by path_kernel.cpp): CostStage, one month's margin, cost lines,
// working capital and operating income (Operations) for every lane. Reads the drawn parameters,
// the month's revenue and effects and the margin normals; writes its cost levels, stepped on by
// advance() after each month.

/// What one month's operations come to before interest, tax and funding.
struct Operations {
  VD gross_margin, rnd, sga, sbc, operating_income, wc_change, non_cash;
};

/// Costs and income: margin, cost lines with their own growth, working capital, and the tax
/// rule shared by both cash tracks.
class CostStage {
 public:
  CostStage(const Model& model, const LanePaths& group, VD initial_annual_revenue);
  /// `respin_cost`: failed tape-outs this month, R&D spent on top of the plan.
  Operations month(const Model& model, int m, VD revenue, const LaneEffects& fx, VD respin_cost);
  /// a_m = (1 + g)^(m / 12), one monthly step at a time.
  void advance() {
    rnd_ *= rnd_step_;
    sga_ *= sga_step_;
    sbc_ *= sbc_step_;
  }

  VD depreciation, subsidies, interest_rate, capex;
  double tax_rate;

 private:
  VD gross_start_, gross_long_;
  double margin_sd_, rnd_floor_;
  VD rnd_, sga_, sbc_, rnd_step_, sga_step_, sbc_step_, sga_variable_;
  VD wc_ratio_, previous_wc_;
  const double* margin_noise_ = nullptr;  // every lane's normals, interleaved by month
};

CostStage::CostStage(const Model& model, const LanePaths& group, VD initial_annual_revenue) {
  const ScenarioSpec& spec = model.spec;
  const ParamIndex& ix = model.index;
  margin_sd_ = spec.margin.noise;
  if (margin_sd_ > 0)
    margin_noise_ = lane_month_normals(model, group, Substream::margin, group.ws(0).lane_margin);
  rnd_floor_ = spec.costs.rnd_revenue_floor.value_or(0.0);
  tax_rate = spec.tax.rate;
  const auto param = [&](int slot) { return lane_param(group, slot); };
  gross_start_ = param(ix.gross);
  gross_long_ = param(ix.gross_long_run);
  rnd_ = param(ix.rnd) / 12.0;
  sga_ = param(ix.sga) / 12.0;
  sbc_ = param(ix.sbc) / 12.0;
  sga_variable_ = param(ix.sga_variable);
  depreciation = param(ix.depreciation) / 12.0;
  subsidies = param(ix.subsidies) / 12.0;
  interest_rate = param(ix.interest_rate) / 12.0;
  capex = param(ix.capex) / 12.0;
  wc_ratio_ = param(ix.working_capital_ratio) * 12.0;  // per unit of monthly revenue
  // (1 + g)^(1/12) from the annual growth, through the same log and exp at every width.
  rnd_step_ = lane_exp(lane_log1p(param(ix.rnd_growth)) / 12.0);
  sga_step_ = lane_exp(lane_log1p(param(ix.sga_growth)) / 12.0);
  sbc_step_ = lane_exp(lane_log1p(param(ix.sbc_growth)) / 12.0);
  previous_wc_ = wc_ratio_ / 12.0 * initial_annual_revenue;
}

Operations CostStage::month(const Model& model, int m, VD revenue, const LaneEffects& fx,
                            VD respin_cost) {
  Operations ops;
  const VD noise = margin_sd_ > 0 ? margin_sd_ * load_lanes(margin_noise_ + at(m) * kLanes) : VD{};
  ops.gross_margin = gross_long_ + (gross_start_ - gross_long_) * model.margin_decay[at(m)] +
                     fx.gross_margin + noise;
  ops.gross_margin = vclamp(ops.gross_margin, splat(-1.0), splat(0.99));
  ops.rnd = vmax(rnd_ * fx.rnd, rnd_floor_ * revenue) + respin_cost;
  ops.sga = sga_ * fx.sga + sga_variable_ * revenue;
  ops.sbc = sbc_;
  ops.operating_income = revenue * ops.gross_margin - ops.rnd - ops.sga - sbc_ - depreciation;
  const VD wc = wc_ratio_ * revenue;
  ops.wc_change = wc - previous_wc_;
  previous_wc_ = wc;
  ops.non_cash = sbc_ + depreciation;
  return ops;
}
