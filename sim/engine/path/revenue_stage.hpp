// SPDX-License-Identifier: MIT
#pragma once

// Internal to path_simulator.cpp: RevenueStage, one month's revenue and the step to the next.
// Reads the drawn parameters, the month's effects, the sector shocks and the company's normals;
// writes the order book (revenue model "orders") and its own levels.

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "breakeven/engine/path_simulator.hpp"
#include "path_values.hpp"

namespace breakeven {
// Internal linkage: path_simulator.cpp is the only includer, so the path stays one translation
// unit and the compiler inlines the stages into the month loop as before.
namespace {

constexpr double kInvSqrt12 = 0.28867513459481287;  // volatilities are annual; steps monthly

/// Step revenue: this month's revenue from the current level, then the step to next month's.
/// The sector shocks are the same for every company of a joint batch, by calendar month; the
/// company stream is the company's own.
class RevenueStage {
 public:
  RevenueStage(const Model& model, Params param, const SectorShocks& shocks, std::uint64_t seed,
               std::uint64_t path, PathWorkspace& ws);
  double initial_annual_revenue() const { return initial_annual_revenue_; }
  double step(const Model& model, int m, const MonthEffects& fx);

 private:
  bool market_model_;
  const CompiledOrders* orders_;  // revenue model "orders": the book in the workspace
  OrderBook* book_;
  double log_level_ = 0, log_growth_start_ = 0, log_growth_long_ = 0;  // growth model
  double log_market_ = 0, log_share_ = 0, market_drift_ = 0, share_cap_ = 1, share_speed_ = 0;
  double sector_vol_ = 0, company_vol_ = 0;  // monthly sd of the sector and company shocks
  double initial_annual_revenue_;
  const double* sector_ = nullptr;   // the shocks from the scenario's first month on
  const double* company_ = nullptr;  // the company's shocks of every month, drawn in one block
};

RevenueStage::RevenueStage(const Model& model, Params param, const SectorShocks& shocks,
                           std::uint64_t seed, std::uint64_t path, PathWorkspace& ws)
    : market_model_(model.spec.revenue.model == RevenueModel::market),
      orders_(model.orders ? &*model.orders : nullptr),
      book_(&ws.orders),
      initial_annual_revenue_(model.initial_annual_revenue) {
  const ScenarioSpec& spec = model.spec;
  const ParamIndex& ix = model.index;
  if (orders_ != nullptr) {
    book_->start(*orders_, seed, path, model.company_key, ws.draws);
    sector_vol_ = orders_->sector_vol;
    company_vol_ = orders_->company_vol;
    if (!spec.state.revenue) initial_annual_revenue_ = book_->initial_annual_revenue();
  } else if (market_model_) {
    const MarketSpec& market = *spec.market;
    log_market_ = std::log(param(ix.market_size));
    log_share_ = std::log(param(ix.share));
    market_drift_ = std::log1p(param(ix.market_growth)) / 12.0;
    share_cap_ = param(ix.share_cap);
    share_speed_ = param(ix.share_speed) / 12.0;
    sector_vol_ = market.volatility * kInvSqrt12;
    company_vol_ = market.share_volatility * kInvSqrt12;
    initial_annual_revenue_ = param(ix.share) * param(ix.market_size);
  } else {
    log_level_ = std::log(*spec.state.revenue / 12.0);
    log_growth_start_ = std::log1p(param(ix.growth));
    log_growth_long_ = std::log1p(param(ix.long_run_growth));
    const double beta = spec.revenue.sector_loading;
    sector_vol_ = spec.revenue.volatility * kInvSqrt12 * beta;
    company_vol_ = spec.revenue.volatility * kInvSqrt12 * std::sqrt(1.0 - beta * beta);
  }
  if (sector_vol_ > 0) sector_ = shocks.from(first_calendar_month(model));
  if (company_vol_ > 0)
    company_ = draw_month_normals(model, seed, path, Substream::revenue, ws.company_normals);
}

double RevenueStage::step(const Model& model, int m, const MonthEffects& fx) {
  const double revenue_factor = fx.revenue;
  const double growth_shift = fx.growth;
  const double season = model.seasonality[at(m)];
  double revenue;
  if (orders_ != nullptr) {  // the backlog and the contracts delivering this month
    revenue = book_->step(*orders_, m, growth_shift, sector_vol_ > 0 ? sector_[m] : 0.0,
                          company_vol_ > 0 ? company_[m] : 0.0) *
              revenue_factor * season;
  } else if (market_model_) {
    // A share above the whole market is not a share: revenue stops at the market's size.
    const double share = std::min(std::exp(log_share_), 1.0);
    revenue = share * std::exp(log_market_) / 12.0 * revenue_factor * season;
    log_market_ += market_drift_ + (sector_vol_ > 0 ? sector_vol_ * sector_[m] : 0.0);
    log_share_ += share_speed_ * (1.0 - share / share_cap_) + growth_shift / 12.0 +
                  (company_vol_ > 0 ? company_vol_ * company_[m] : 0.0);
  } else {
    revenue = std::exp(log_level_) * revenue_factor * season;
    const double log_growth = log_growth_long_ +
                              (log_growth_start_ - log_growth_long_) * model.growth_decay[at(m)] +
                              growth_shift;
    log_level_ += log_growth / 12.0 + (sector_vol_ > 0 ? sector_vol_ * sector_[m] : 0.0) +
                  (company_vol_ > 0 ? company_vol_ * company_[m] : 0.0);
  }
  return revenue;
}

}  // namespace
}  // namespace breakeven
