// SPDX-License-Identifier: MIT
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "breakeven/analysis/milestone_summary.hpp"
#include "breakeven/analysis/summary.hpp"
#include "breakeven/engine/engine.hpp"
#include "breakeven/scenario/param_table.hpp"

namespace breakeven {
namespace {

std::size_t at(int i) {
  return static_cast<std::size_t>(i);
}

Estimate estimate(std::uint64_t count, std::uint64_t total) {
  if (total == 0) return {};
  const double n = static_cast<double>(total);
  const double p = static_cast<double>(count) / n;
  return {p, std::sqrt(p * (1.0 - p) / n)};
}

/// Index of the first bin whose cumulative count reaches ceil(q * total), or -1 when the
/// counted bins never reach it (the quantile lies beyond them, e.g. "never").
int count_quantile(const std::vector<std::uint64_t>& counts, std::uint64_t total, double q) {
  const auto needed = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total)));
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    cumulative += counts[i];
    if (cumulative >= std::max<std::uint64_t>(needed, 1)) return static_cast<int>(i);
  }
  return -1;
}

BreakevenResult summarize_breakeven(const Model& model, const Tally& tally) {
  BreakevenResult result;
  result.metric = model.spec.breakeven.metric;
  result.period = model.spec.breakeven.period;
  result.target = model.spec.breakeven.target;
  std::uint64_t cumulative = 0;
  for (std::size_t p = 0; p < model.periods.size(); ++p) {
    // Periods that end after the horizon can never be judged; leave them out.
    if (!model.periods[p].ends_within_horizon) continue;
    cumulative += tally.breakeven_by_period[p];
    const Estimate e = estimate(tally.breakeven_by_period[p], tally.paths);
    result.distribution.push_back(
        {model.periods[p].label, e.p, estimate(cumulative, tally.paths).p, e.se});
    if (model.target_period && static_cast<int>(p) == *model.target_period)
      result.by_target = estimate(cumulative, tally.paths);
  }
  result.not_within_horizon = estimate(tally.not_within_horizon, tally.paths);
  result.cash_out_first = estimate(tally.cash_out_first, tally.paths);
  auto label = [&](double q) {
    const int p = count_quantile(tally.breakeven_by_period, tally.paths, q);
    return p < 0 ? std::string("never") : model.periods[at(p)].label;
  };
  result.p10 = label(0.10);
  result.p50 = label(0.50);
  result.p90 = label(0.90);
  return result;
}

CashOutResult summarize_cash_out(const Model& model, const Tally& tally) {
  CashOutResult result;
  std::uint64_t total = 0, first = 0;
  for (std::size_t y = 0; y < model.fiscal_years.size(); ++y) {
    total += tally.cashout_by_year[y];
    first += tally.cashout_first_by_year[y];
    result.by_year.push_back({model.fiscal_years[y].label,
                              estimate(tally.cashout_by_year[y], tally.paths),
                              estimate(tally.cashout_first_by_year[y], tally.paths)});
  }
  result.probability = estimate(total, tally.paths);
  result.before_breakeven = estimate(first, tally.paths);
  result.after_breakeven = estimate(total - first, tally.paths);
  return result;
}

RunwayResult summarize_runway(const Model& model, const Tally& tally) {
  RunwayResult result;
  result.horizon_months = model.months;
  auto quantile = [&](double q) {
    const int m = count_quantile(tally.runway_months, tally.paths, q);
    return m < 0 ? model.months : m;
  };
  result.p10 = quantile(0.10);
  result.p50 = quantile(0.50);
  result.p90 = quantile(0.90);
  auto below = [&](int months) {
    std::uint64_t count = 0;
    for (int m = 0; m < std::min(months, model.months); ++m) count += tally.runway_months[at(m)];
    return estimate(count, tally.paths);
  };
  result.lt12 = below(12);
  result.lt24 = below(24);
  result.lt36 = below(36);
  result.beyond_horizon = estimate(tally.runway_months[at(model.months)], tally.paths);
  for (std::uint64_t count : tally.runway_months)
    result.share_by_month.push_back(estimate(count, tally.paths).p);
  return result;
}

// The smallest of 1, 2 or 5 times a power of ten that is at least `raw` (> 0): a bin width a
// reader can add up, and one that reports can merge so that companies share a width.
double round_width(double raw) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double factor : {1.0, 2.0, 5.0})
    if (factor * magnitude >= raw * (1 - 1e-12)) return factor * magnitude;
  return 10 * magnitude;
}

FundingNeedResult summarize_funding_need(const Tally& tally) {
  FundingNeedResult result;
  if (tally.paths == 0) return result;
  result.mean = tally.funding_need_sum.value() / static_cast<double>(tally.paths);
  result.p50 = tally.funding_need.quantile(0.50);
  result.p90 = tally.funding_need.quantile(0.90);
  result.p95 = tally.funding_need.quantile(0.95);
  result.none = estimate(tally.funding_need_zero, tally.paths);
  // Chart bins: at most 20 equal bins of a round width over the positive needs up to their own
  // 99th percentile (the zeros are reported as p_none, and would otherwise leave no chart when
  // most paths need nothing); the last bin also holds the tail above it.
  const double zero_share = result.none.p;
  const double top =
      zero_share < 1 ? tally.funding_need.quantile(zero_share + 0.99 * (1 - zero_share)) : 0.0;
  if (top > 0) {
    const double width = round_width(top / 20);
    const int bins = std::max(1, static_cast<int>(std::ceil(top / width - 1e-9)));
    double below = tally.funding_need.cumulative_share(0.0);
    for (int b = 0; b < bins; ++b) {
      const double hi = width * (b + 1);
      const double cumulative = b + 1 == bins ? 1.0 : tally.funding_need.cumulative_share(hi);
      result.histogram.push_back({width * b, hi, cumulative - below});
      below = cumulative;
    }
  }
  return result;
}

std::vector<FanPoint> fan(const Model& model, const Tally& tally,
                          const std::vector<LogHistogram>& histograms) {
  std::vector<FanPoint> points;
  for (std::size_t y = 0; y < model.fiscal_years.size(); ++y) {
    const LogHistogram& h = histograms[y];
    const FiscalYear& year = model.fiscal_years[y];
    points.push_back({year.label, h.quantile(0.05), h.quantile(0.25), h.quantile(0.50),
                      h.quantile(0.75), h.quantile(0.95), estimate(tally.alive[y], tally.paths).p,
                      year.last_month - year.first_month + 1});
  }
  return points;
}

// How a key's numbers read in the report: money carries the file's unit, rates and shares are
// percents, anything else (a speed, a count) stays a plain number.
enum class Unit { money, percent, plain };

Unit unit_of(ParamUnit unit) {
  switch (unit) {
    case ParamUnit::money:
      return Unit::money;
    case ParamUnit::rate:
      return Unit::percent;
    case ParamUnit::speed:
    case ParamUnit::plain:
      break;
  }
  return Unit::plain;
}

std::function<std::string(double)> writer(Unit unit, const std::string& money_unit) {
  switch (unit) {
    case Unit::money:
      return [money_unit](double v) {
        return money_unit == "1" ? fmt::format("{:g}", v) : fmt::format("{:g} {}", v, money_unit);
      };
    case Unit::percent:
      return [](double v) { return fmt::format("{:g} %", v * 100); };
    case Unit::plain:
      break;
  }
  return [](double v) { return fmt::format("{:g}", v); };
}

// The fixed (not drawn) keys the parameter table shows: those of [state] (where the company
// stands, listed first) or all the others (listed after the drawn parameters).
void add_fixed_keys(const ScenarioSpec& spec, bool state, std::vector<Assumption>& list) {
  for (const ParamRow& row : param_table()) {
    if (row.drawn() || row.shown == Shown::never || (row.section() == "state") != state) continue;
    const auto value = scalar_value(row, spec);
    if (!value || (row.shown == Shown::if_nonzero && *value == 0)) continue;
    list.push_back(
        {std::string(row.key), writer(unit_of(row.unit), spec.company.money_unit)(*value)});
  }
}

std::vector<Assumption> key_assumptions(const Model& model) {
  const ScenarioSpec& spec = model.spec;
  const std::string& unit = spec.company.money_unit;
  const auto money = writer(Unit::money, unit);
  std::vector<Assumption> list;
  add_fixed_keys(spec, true, list);
  for (const ParamSlot& slot : model.slots)
    // A round's amount is in its own "funding:" row below, with its date and probability.
    if ((!slot.dist.is_constant() || slot.dist.value != 0) &&
        slot.key.rfind("funding.rounds.", 0) != 0)
      list.push_back({slot.key, slot.dist.describe(writer(unit_of(slot.unit), unit))});
  add_fixed_keys(spec, false, list);
  for (const FundingRound& round : spec.rounds)
    list.push_back(
        {"funding: " + round.name, fmt::format("{} in {}, p = {:g} %", round.amount.describe(money),
                                               round.date.label(), round.probability * 100)});
  const auto percent = writer(Unit::percent, unit);
  for (const EventSpec& event : spec.events)
    list.push_back(
        {"event: " + event.name,
         fmt::format("{} {} ({})", to_string(event.target), event.effect.describe(percent),
                     event.date ? fmt::format("{}, p = {:g} %", event.date->label(),
                                              event.probability * 100)
                                : fmt::format("{:g} a year", *event.rate_per_year))});
  for (const ScenarioNote& note : spec.notes) list.push_back({note.key, note.text});
  return list;
}

}  // namespace

ScenarioResult summarize(const Model& model, const Tally& tally) {
  const ScenarioSpec& spec = model.spec;
  ScenarioResult result;
  result.name = spec.company.name;
  result.file = spec.file;
  result.money_unit = spec.company.money_unit;
  result.currency = spec.company.currency;
  result.paths = static_cast<std::int64_t>(tally.paths);
  result.seed = spec.simulation.seed;
  result.start = spec.simulation.start.label();
  result.horizon = spec.simulation.horizon.label();
  result.as_of = spec.company.as_of;
  result.breakeven = summarize_breakeven(model, tally);
  result.cash_out = summarize_cash_out(model, tally);
  result.runway = summarize_runway(model, tally);
  result.funding_need = summarize_funding_need(tally);
  result.fans = {fan(model, tally, tally.revenue), fan(model, tally, tally.net_income),
                 fan(model, tally, tally.cash)};
  result.milestones = summarize_milestones(model, tally);
  result.assumptions = key_assumptions(model);
  result.warnings = model.warnings;
  result.funding_policy = spec.policy.has_value();
  return result;
}

}  // namespace breakeven
