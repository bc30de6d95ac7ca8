// SPDX-License-Identifier: MIT
// The scalar keys of a scenario, one row each. docs/scenarios.md describes them for analysts;
// docs/architecture.md says how to add one.
#include "breakeven/scenario/param_table.hpp"

#include <algorithm>
#include <cmath>

#include "key_ranges.hpp"
#include "key_readers.hpp"

namespace breakeven {
namespace {

using namespace detail;  // the ranges

using S = ScenarioSpec;
using P = ParamIndex;
using enum ParamUnit;
using enum Presence;
using enum ForModel;
using enum Shown;
using enum SearchRange;

Param* market_param(ScenarioSpec& spec, Param MarketSpec::*member) {
  if (!spec.market) spec.market.emplace();
  return &((*spec.market).*member);
}

template <Param MarketSpec::*Member>
Param* market_field(ScenarioSpec& spec) {
  return market_param(spec, Member);
}

double* market_volatility(ScenarioSpec& spec) {
  if (!spec.market) spec.market.emplace();
  return &spec.market->volatility;
}

double* market_share_volatility(ScenarioSpec& spec) {
  if (!spec.market) spec.market.emplace();
  return &spec.market->share_volatility;
}

OrdersSpec& orders_of(ScenarioSpec& spec) {
  if (!spec.orders) spec.orders.emplace();
  return *spec.orders;
}

template <auto Member>
auto* orders_field(ScenarioSpec& spec) {
  return &(orders_of(spec).*Member);
}

// clang-format off
constexpr ParamRow kRows[] = {
  // [state]: where the company stands at the start.
  {.key = "state.cash", .unit = money, .bounds = kMoney, .presence = required,
   .field = &at<&S::state, &StateSpec::cash>, .shown = always, .search = level},
  {.key = "state.revenue", .unit = money, .bounds = kPositiveMoney, .presence = optional,
   .field = &at<&S::state, &StateSpec::revenue>, .shown = if_given, .search = level,
   .reader = read_state_revenue},
  {.key = "state.ytd", .unit = money, .bounds = kAnyMoney,
   .field = &at<&S::state, &StateSpec::ytd>, .shown = if_nonzero},
  // Only the "ttm" period uses it, but a file may keep it while its period is switched.
  {.key = "state.ttm", .unit = money, .bounds = kAnyMoney, .presence = optional,
   .field = &at<&S::state, &StateSpec::ttm>},

  // [revenue]: its model first, which decides which other keys apply.
  {.key = "revenue.model", .reader = read_revenue_model},
  {.key = "revenue.growth", .bounds = kGrowth, .presence = required,
   .field = &at<&S::revenue, &RevenueSpec::growth>, .slot = &P::growth, .model = growth,
   .search = around_signed},
  {.key = "revenue.long_run_growth", .bounds = kGrowth, .presence = optional,
   .field = &at<&S::revenue, &RevenueSpec::long_run_growth>, .slot = &P::long_run_growth,
   .same_as = &P::growth, .model = growth, .search = around_signed},
  {.key = "revenue.half_life_years", .unit = plain, .bounds = kHalfLife, .presence = optional,
   .field = &at<&S::revenue, &RevenueSpec::half_life_years>, .model = growth},
  {.key = "revenue.volatility", .bounds = kVolatility,
   .field = &at<&S::revenue, &RevenueSpec::volatility>, .model = growth,
   .shown = if_nonzero, .search = around},
  {.key = "revenue.sector_loading", .bounds = kUnit,
   .field = &at<&S::revenue, &RevenueSpec::sector_loading>, .model = growth},
  {.key = "revenue.seasonality", .reader = read_seasonality},

  // [market]: revenue.model = "market" only.
  {.key = "market.size", .unit = money, .bounds = kPositiveMoney, .presence = required,
   .field = &market_field<&MarketSpec::size>, .slot = &P::market_size, .model = market},
  {.key = "market.growth", .bounds = kGrowth, .presence = required,
   .field = &market_field<&MarketSpec::growth>, .slot = &P::market_growth, .model = market},
  {.key = "market.volatility", .bounds = kVolatility, .field = &market_volatility,
   .model = market},
  {.key = "market.share", .bounds = kMarketShare, .presence = required,
   .field = &market_field<&MarketSpec::share>, .slot = &P::share, .model = market},
  {.key = "market.share_cap", .bounds = kMarketShare, .presence = required,
   .field = &market_field<&MarketSpec::share_cap>, .slot = &P::share_cap, .model = market},
  {.key = "market.share_speed", .unit = speed, .bounds = kShareSpeed, .presence = required,
   .field = &market_field<&MarketSpec::share_speed>, .slot = &P::share_speed, .model = market},
  {.key = "market.share_volatility", .bounds = kVolatility, .field = &market_share_volatility,
   .model = market},

  // [orders]: revenue.model = "orders" only; a backlog plus Poisson contracts.
  {.key = "orders.backlog", .unit = money, .bounds = kMoney,
   .field = &orders_field<&OrdersSpec::backlog>, .slot = &P::orders_backlog, .model = orders},
  {.key = "orders.backlog_months", .unit = plain, .bounds = kMonthCount, .fallback = 1,
   .field = &orders_field<&OrdersSpec::backlog_months>, .model = orders},
  {.key = "orders.rate_per_year", .unit = plain, .bounds = kOrderRate, .presence = required,
   .field = &orders_field<&OrdersSpec::rate_per_year>, .slot = &P::orders_rate, .model = orders},
  {.key = "orders.rate_growth", .bounds = kGrowth,
   .field = &orders_field<&OrdersSpec::rate_growth>, .slot = &P::orders_rate_growth,
   .model = orders},
  {.key = "orders.size", .unit = money, .bounds = kMoney, .presence = required,
   .field = &orders_field<&OrdersSpec::size>, .model = orders, .per_order = true},
  {.key = "orders.delivery_months", .unit = plain, .bounds = kMonthCount, .fallback = 1,
   .field = &orders_field<&OrdersSpec::delivery_months>, .model = orders},
  {.key = "orders.sector_loading", .bounds = kUnit,
   .field = &orders_field<&OrdersSpec::sector_loading>, .model = orders},
  {.key = "orders.volatility", .bounds = kVolatility,
   .field = &orders_field<&OrdersSpec::volatility>, .model = orders},

  // [margin]
  {.key = "margin.gross", .bounds = kMargin, .presence = required,
   .field = &at<&S::margin, &MarginSpec::gross>, .slot = &P::gross, .search = around_signed},
  {.key = "margin.long_run", .bounds = kMargin, .presence = optional,
   .field = &at<&S::margin, &MarginSpec::long_run>, .slot = &P::gross_long_run,
   .same_as = &P::gross, .search = around_signed},
  {.key = "margin.half_life_years", .unit = plain, .bounds = kHalfLife, .presence = optional,
   .field = &at<&S::margin, &MarginSpec::half_life_years>},
  {.key = "margin.noise", .bounds = kVolatility, .field = &at<&S::margin, &MarginSpec::noise>},

  // [costs]: annual amounts at the start, and their growth.
  {.key = "costs.rnd", .unit = money, .bounds = kMoney, .presence = required,
   .field = &at<&S::costs, &CostsSpec::rnd>, .slot = &P::rnd, .search = level},
  {.key = "costs.rnd_growth", .bounds = kGrowth, .field = &at<&S::costs, &CostsSpec::rnd_growth>,
   .slot = &P::rnd_growth, .search = around_signed},
  {.key = "costs.rnd_revenue_floor", .bounds = kRevenueShare, .presence = optional,
   .absent_as = 0,   .field = &at<&S::costs, &CostsSpec::rnd_revenue_floor>, .search = around},
  {.key = "costs.sga", .unit = money, .bounds = kMoney, .presence = required,
   .field = &at<&S::costs, &CostsSpec::sga>, .slot = &P::sga, .search = level},
  {.key = "costs.sga_growth", .bounds = kGrowth, .field = &at<&S::costs, &CostsSpec::sga_growth>,
   .slot = &P::sga_growth, .search = around_signed},
  {.key = "costs.sga_variable", .bounds = kRevenueShare,
   .field = &at<&S::costs, &CostsSpec::sga_variable>, .slot = &P::sga_variable,
   .search = around},
  {.key = "costs.share_based_comp", .unit = money, .bounds = kMoney,
   .field = &at<&S::costs, &CostsSpec::share_based_comp>, .slot = &P::sbc, .search = level},
  {.key = "costs.share_based_comp_growth", .bounds = kGrowth,
   .field = &at<&S::costs, &CostsSpec::share_based_comp_growth>, .slot = &P::sbc_growth,
   .search = around_signed},
  {.key = "costs.depreciation", .unit = money, .bounds = kMoney,
   .field = &at<&S::costs, &CostsSpec::depreciation>, .slot = &P::depreciation,
   .search = level},

  // [other]: other income may be negative (one-off losses), so subsidies are any amount.
  {.key = "other.subsidies", .unit = money, .bounds = kAnyMoney,
   .field = &at<&S::other, &OtherSpec::subsidies>, .slot = &P::subsidies, .search = level},
  {.key = "other.interest_rate", .bounds = kMargin,
   .field = &at<&S::other, &OtherSpec::interest_rate>, .slot = &P::interest_rate,
   .search = around},

  // [tax]
  {.key = "tax.rate", .bounds = Range::from_below(0, 1), .fallback = 0.15,
   .field = &at<&S::tax, &TaxSpec::rate>, .search = unit_interval},
  {.key = "tax.loss_carryforward", .unit = money, .bounds = kMoney,
   .field = &at<&S::tax, &TaxSpec::loss_carryforward>},

  // [cash]: negative working capital (customers paying ahead) is real, so the ratio may be
  // negative.
  {.key = "cash.capex", .unit = money, .bounds = kMoney,
   .field = &at<&S::cash, &CashSpec::capex>, .slot = &P::capex, .search = level},
  {.key = "cash.working_capital_ratio", .bounds = kWorkingCapital,
   .field = &at<&S::cash, &CashSpec::working_capital_ratio>,
   .slot = &P::working_capital_ratio, .search = around},
  {.key = "cash.minimum", .unit = money, .bounds = kMoney,
   .field = &at<&S::cash, &CashSpec::minimum>, .search = level},
};
// clang-format on

// The table's accessors take a mutable spec (the parser fills it); reading one does not change
// it, except that [market] is created on first access, which a spec under another model never
// reaches (applies() is checked first).
ScenarioSpec& writable(const ScenarioSpec& spec) {
  return const_cast<ScenarioSpec&>(spec);
}

const ParamRow* row_of_slot(int ParamIndex::*slot) {
  for (const ParamRow& row : kRows)
    if (row.slot == slot) return &row;
  return nullptr;
}

}  // namespace

std::span<const ParamRow> param_table() {
  return kRows;
}

std::vector<const ParamRow*> param_rows(std::string_view section) {
  std::vector<const ParamRow*> rows;
  for (const ParamRow& row : kRows)
    if (row.section() == section) rows.push_back(&row);
  return rows;
}

const ParamRow* find_param(std::string_view key) {
  const auto* row =
      std::find_if(std::begin(kRows), std::end(kRows), [&](const auto& r) { return r.key == key; });
  return row == std::end(kRows) ? nullptr : row;
}

bool applies(const ParamRow& row, const ScenarioSpec& spec) {
  switch (row.model) {
    case ForModel::any:
      return true;
    case ForModel::growth:
      return spec.revenue.model == RevenueModel::growth;
    case ForModel::market:
      return spec.revenue.model == RevenueModel::market && spec.market.has_value();
    case ForModel::orders:
      return spec.revenue.model == RevenueModel::orders && spec.orders.has_value();
  }
  return false;
}

const Param* param_value(const ParamRow& row, const ScenarioSpec& spec) {
  if (!applies(row, spec)) return nullptr;
  if (const auto* get = std::get_if<Param* (*)(ScenarioSpec&)>(&row.field))
    return (*get)(writable(spec));
  if (const auto* get = std::get_if<std::optional<Param>* (*)(ScenarioSpec&)>(&row.field)) {
    const std::optional<Param>& value = *(*get)(writable(spec));
    return value ? &*value : nullptr;
  }
  return nullptr;
}

std::optional<double> scalar_value(const ParamRow& row, const ScenarioSpec& spec) {
  if (!applies(row, spec)) return std::nullopt;
  if (row.drawn()) {
    if (const Param* param = param_value(row, spec)) return param->quantile(0.5);
    // Not given: the key it defaults to (the long-run margin is the starting one).
    if (row.same_as)
      if (const ParamRow* other = row_of_slot(row.same_as)) return scalar_value(*other, spec);
    return std::nullopt;
  }
  if (const auto* get = std::get_if<double* (*)(ScenarioSpec&)>(&row.field))
    return *(*get)(writable(spec));
  if (const auto* get = std::get_if<std::optional<double>* (*)(ScenarioSpec&)>(&row.field)) {
    const std::optional<double>& value = *(*get)(writable(spec));
    return value ? value : row.absent_as;
  }
  if (const auto* get = std::get_if<int* (*)(ScenarioSpec&)>(&row.field))
    return *(*get)(writable(spec));
  if (const Param* param = param_value(row, spec)) return param->quantile(0.5);
  return std::nullopt;
}

}  // namespace breakeven
