// SPDX-License-Identifier: MIT
// Lane kernel (included per width by path_kernel.cpp): RevenueStage, one month's revenue and the
// step to the next, for every lane. Reads the drawn parameters, the month's effects, the sector
// shocks and the company's normals; writes the order books (revenue model "orders") and its own
// levels.

constexpr double kInvSqrt12 = 0.28867513459481287;  // volatilities are annual; steps monthly

/// Step revenue: this month's revenue from the current level, then the step to next month's.
/// The sector shocks are the same for every company of a joint batch, by calendar month; the
/// company stream is the company's own. The volatilities come from the scenario, so they are the
/// same in every lane.
class RevenueStage {
 public:
  RevenueStage(const Model& model, const LanePaths& group, const SectorShocks* const* sectors);
  VD initial_annual_revenue() const { return initial_annual_revenue_; }
  VD step(const Model& model, const LanePaths& group, int m, const LaneEffects& fx);

 private:
  bool market_model_;
  const CompiledOrders* orders_;  // revenue model "orders": each lane's book in its workspace
  VD log_level_{}, log_growth_start_{}, log_growth_long_{};  // growth model
  VD log_market_{}, log_share_{}, market_drift_{}, share_cap_ = splat(1), share_speed_{};
  double sector_vol_ = 0, company_vol_ = 0;  // monthly sd of the sector and company shocks
  VD initial_annual_revenue_;
  const double* sector_ = nullptr;   // every lane's shocks from the first month, interleaved
  const double* company_ = nullptr;  // the same for the company's own shocks
};

RevenueStage::RevenueStage(const Model& model, const LanePaths& group,
                           const SectorShocks* const* sectors)
    : market_model_(model.spec.revenue.model == RevenueModel::market),
      orders_(model.orders ? &*model.orders : nullptr),
      initial_annual_revenue_(splat(model.initial_annual_revenue)) {
  const ScenarioSpec& spec = model.spec;
  const ParamIndex& ix = model.index;
  const auto param = [&](int slot) { return lane_param(group, slot); };
  if (orders_ != nullptr) {
    sector_vol_ = orders_->sector_vol;
    company_vol_ = orders_->company_vol;
    for (int l = 0; l < kLanes; ++l) {
      OrderBook& book = group.ws(l).orders;
      book.start(*orders_, group.seed, group.paths[l], model.company_key, group.ws(l).draws);
      if (!spec.state.revenue) initial_annual_revenue_[l] = book.initial_annual_revenue();
    }
  } else if (market_model_) {
    sector_vol_ = spec.market->volatility * kInvSqrt12;
    company_vol_ = spec.market->share_volatility * kInvSqrt12;
    const VD market = param(ix.market_size), share = param(ix.share);
    log_market_ = lane_log(market);
    log_share_ = lane_log(share);
    market_drift_ = lane_log1p(param(ix.market_growth)) / 12.0;
    share_cap_ = param(ix.share_cap);
    share_speed_ = param(ix.share_speed) / 12.0;
    initial_annual_revenue_ = share * market;
  } else {
    const double beta = spec.revenue.sector_loading;
    sector_vol_ = spec.revenue.volatility * kInvSqrt12 * beta;
    company_vol_ = spec.revenue.volatility * kInvSqrt12 * std::sqrt(1.0 - beta * beta);
    log_level_ = lane_log(splat(*spec.state.revenue / 12.0));
    log_growth_start_ = lane_log1p(param(ix.growth));
    log_growth_long_ = lane_log1p(param(ix.long_run_growth));
  }
  PathWorkspace& first = group.ws(0);
  if (sector_vol_ > 0)
    sector_ =
        lane_sector_shocks(sectors, first_calendar_month(model), model.months, first.lane_sector);
  if (company_vol_ > 0)
    company_ = lane_month_normals(model, group, Substream::revenue, first.lane_company);
}

VD RevenueStage::step(const Model& model, const LanePaths& group, int m, const LaneEffects& fx) {
  const double season = model.seasonality[at(m)];
  const VD sector = sector_vol_ > 0 ? load_lanes(sector_ + at(m) * kLanes) : VD{};
  const VD company = company_vol_ > 0 ? load_lanes(company_ + at(m) * kLanes) : VD{};
  if (orders_ != nullptr) {  // the backlog and the contracts delivering this month
    // Every lane's rate first: the lanes' exps then overlap instead of each waiting its turn.
    std::array<OrderBook*, kLanes> books;
    std::array<double, kLanes> rate, growth, sector_shock, company_shock, booked;
    for (int l = 0; l < kLanes; ++l) {
      books[at(l)] = &group.ws(l).orders;
      rate[at(l)] = books[at(l)]->monthly_rate();
      growth[at(l)] = fx.growth[l];
      sector_shock[at(l)] = sector[l];
      company_shock[at(l)] = company[l];
    }
    step_order_books(*orders_, m, kLanes, books.data(), rate.data(), growth.data(),
                     sector_shock.data(), company_shock.data(), booked.data());
    return load_lanes(booked.data()) * fx.revenue * season;
  }
  if (market_model_) {
    // A share above the whole market is not a share: revenue stops at the market's size.
    const VD share = vmin(lane_exp(log_share_), splat(1.0));
    const VD revenue = share * lane_exp(log_market_) / 12.0 * fx.revenue * season;
    log_market_ += market_drift_ + (sector_vol_ > 0 ? sector_vol_ * sector : VD{});
    log_share_ += share_speed_ * (1.0 - share / share_cap_) + fx.growth / 12.0 +
                  (company_vol_ > 0 ? company_vol_ * company : VD{});
    return revenue;
  }
  const VD revenue = lane_exp(log_level_) * fx.revenue * season;
  const VD log_growth = log_growth_long_ +
                        (log_growth_start_ - log_growth_long_) * model.growth_decay[at(m)] +
                        fx.growth;
  log_level_ += log_growth / 12.0 + (sector_vol_ > 0 ? sector_vol_ * sector : VD{}) +
                (company_vol_ > 0 ? company_vol_ * company : VD{});
  return revenue;
}
