// SPDX-License-Identifier: MIT
// The scenario schema: which keys each section holds, their kinds, defaults and ranges (SPEC
// §2). Reading is strict: every key must be known, every value of the right type and range.
#include "breakeven/scenario/scenario_parser.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <numeric>
#include <sstream>

#include "breakeven/scenario/values.hpp"
#include "finite_budget.hpp"
#include "milestone_reader.hpp"
#include "orders_reader.hpp"
#include "override.hpp"
#include "param_reader.hpp"
#include "source_text.hpp"
#include "toml_reader.hpp"

namespace breakeven {
namespace {

using detail::Range;
using detail::ReadContext;
using detail::TableReader;
using detail::ValueKind;

// The ranges below keep every amount of a path finite over the longest horizon; the budget check
// (finite_budget.cpp) then bounds their combination. docs/scenarios.md lists them.
// Growth rates are simple annual rates: ln(1 + g) must exist; +1000 % a year is the most any
// revenue or cost line may be given.
const Range kGrowth = Range::above_to(-1, 10);
const Range kUnit = Range::between(0, 1);
// Money amounts: up to 1e15 of the file's unit, so sums over paths stay exact.
const Range kMoney = Range::between(0, kMaxMoney);
const Range kPositiveMoney = Range::above_to(0, kMaxMoney);
const Range kAnyMoney = Range::between(-kMaxMoney, kMaxMoney);
// Annual volatilities (sd of the log) and margin noise: 500 % a year is beyond any market.
const Range kVolatility = Range::between(0, 5);
const Range kHalfLife = Range::greater_than(0);
const Range kShareSpeed = Range::between(-10, 10);
// Shares of revenue (R&D floor, variable SG&A): at most the whole revenue.
const Range kRevenueShare = Range::between(0, 1);
// Working capital per unit of annual revenue: ten years of revenue either way.
const Range kWorkingCapital = Range::between(-10, 10);
// A level effect of -1 removes the whole level; below that the level would turn negative. Up
// to +1000 % per occurrence.
const Range kLevelEffect = Range::between(-1, 10);
// A growth event shifts the annual log-growth rate by at most 10 (either way).
const Range kGrowthEffect = Range::between(-10, 10);
// At most 120 arrivals a year expected: the model has at most one arrival a month anyway.
const Range kRatePerYear = Range::between(0, 120);
constexpr std::int64_t kMaxMonthCount = kMaxHorizonMonths;

int to_int(std::int64_t value) {
  return static_cast<int>(value);
}

TableReader section(const TableReader& root, std::string_view key) {
  const toml::table* table = nullptr;
  if (const auto* node = root.node(key)) {
    table = node->as_table();
    if (!table) {
      root.fail(key, "expected a section [" + std::string(key) + "], got " +
                         detail::describe_node(*node));
    }
  }
  SourceLocation where = table ? detail::location_of(*table) : root.table_where();
  return TableReader(table, std::string(key), std::move(where), root.context());
}

// The tables of an array of tables ([[events]]), each under "<key>.<index>".
std::vector<TableReader> table_array(const TableReader& parent, std::string_view key,
                                     std::string_view header) {
  std::vector<TableReader> tables;
  const toml::array* array = parent.array(key);
  if (!array) return tables;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const std::string dotted = parent.dotted(key) + "." + std::to_string(i);
    const auto* table = element.as_table();
    if (!table) {
      throw ScenarioError(detail::location_of(element), dotted,
                          "expected a table (write each one under " + std::string(header) +
                              "), got " + detail::describe_node(element));
    }
    auto& context = parent.context();
    if (context.locations) (*context.locations)[dotted] = detail::location_of(*table);
    tables.emplace_back(table, dotted, detail::location_of(*table), context);
  }
  return tables;
}

template <typename Enum>
Enum enum_value(const TableReader& table, std::string_view key,
                const std::vector<std::pair<std::string, Enum>>& spellings, Enum fallback) {
  std::vector<std::string> names;
  for (const auto& [name, value] : spellings) names.push_back(name);
  const auto given = table.choice(key, names);
  if (!given) return fallback;
  for (const auto& [name, value] : spellings) {
    if (name == *given) return value;
  }
  return fallback;
}

void read_money_unit(const TableReader& table, CompanySpec& company) {
  const auto* unit = table.node("money_unit");
  if (!unit) return;
  // `money_unit = 1` is a TOML integer; the others are strings.
  std::string given;
  if (const auto* integer = unit->as_integer()) {
    given = std::to_string(integer->get());
  } else if (const auto* text = unit->as_string()) {
    given = text->get();
  } else {
    table.fail("money_unit", "expected 1, \"k\", \"M\", \"B\", \"万\" or \"亿\", got " +
                                 detail::describe_node(*unit));
  }
  // "亿元" and "万元" are how Chinese filings head their tables: the 元 adds nothing.
  std::string unit_name = given;
  if (unit_name.ends_with("元")) unit_name.resize(unit_name.size() - std::string("元").size());
  if (unit_name.empty()) unit_name = "1";
  const auto scale = money_unit_scale(unit_name);
  if (!scale) {
    detail::fail_choice(table.where("money_unit"), table.dotted("money_unit"), "money unit", given,
                        money_unit_names());
  }
  company.money_unit = unit_name;
  company.money_unit_scale = *scale;
}

void read_company(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"name", "currency", "money_unit", "fiscal_year_end", "as_of"});
  CompanySpec& company = spec.company;
  table.step([&] {
    company.name = table.need("name", table.string("name"));
    if (company.name.empty()) table.fail("name", "must not be empty");
  });
  table.step([&] { company.currency = table.string("currency").value_or(""); });
  table.step([&] { read_money_unit(table, company); });
  table.context().money_unit = company.money_unit;
  table.context().money_scale = company.money_unit_scale;
  table.step([&] {
    company.fiscal_year_end = to_int(table.integer("fiscal_year_end", 1, 12).value_or(12));
  });
  table.step([&] {
    if (const auto as_of = table.string("as_of")) {
      if (!is_calendar_date(*as_of))
        table.fail("as_of", "expected a date \"YYYY-MM-DD\" (the day the data stop at), got \"" +
                                *as_of + "\"");
      company.as_of = *as_of;
    }
  });
}

void read_simulation(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"start", "horizon", "paths", "seed"});
  SimulationSpec& simulation = spec.simulation;
  const bool start = table.step([&] {
    simulation.start = table.need("start", table.date("start", DateRole::month_or_quarter));
  });
  table.step([&] {
    simulation.horizon = table.need("horizon", table.date("horizon", DateRole::horizon));
    if (!start) return;
    if (!(simulation.horizon > simulation.start)) {
      table.fail("horizon", "must be after simulation.start (" + simulation.start.label() +
                                "), got " + simulation.horizon.label());
    }
    // Fans keep a histogram per fiscal year, so memory grows with the horizon; and amounts that
    // grow for centuries leave finite arithmetic. Half a century covers any break-even question.
    const int last = simulation.start.plus_months(kMaxHorizonMonths - 1).ordinal();
    if (simulation.horizon.ordinal() > last) {
      table.fail("horizon", "must be at most " + std::to_string(kMaxHorizonMonths / 12) +
                                " years after simulation.start (" +
                                simulation.start.plus_months(kMaxHorizonMonths - 1).label() +
                                "), got " + simulation.horizon.label());
    }
  });
  table.step([&] { simulation.paths = table.integer("paths", 1, kMaxPaths).value_or(100000); });
  table.step([&] {
    simulation.seed = static_cast<std::uint64_t>(
        table.integer("seed", 0, std::numeric_limits<std::int64_t>::max()).value_or(1));
  });
}

void read_state(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"cash", "revenue", "ytd", "ttm"});
  StateSpec& state = spec.state;
  table.step(
      [&] { state.cash = table.need("cash", table.number("cash", ValueKind::money, kMoney)); });
  table.step([&] {
    if (spec.revenue.model == RevenueModel::orders) {
      // Optional: the working capital held at the start; without it, 12 months of backlog.
      state.revenue = table.number("revenue", ValueKind::money, kPositiveMoney);
    } else if (spec.revenue.model == RevenueModel::market) {
      table.forbid("revenue",
                   "not used with revenue.model = \"market\", where revenue starts at "
                   "market.share x market.size; remove it");
    } else {
      // ln(revenue / 12) starts the revenue path, so it must be positive.
      state.revenue =
          table.need("revenue", table.number("revenue", ValueKind::money, kPositiveMoney),
                     "the annualised revenue run-rate at the start");
    }
  });
  table.step([&] { state.ytd = table.number("ytd", ValueKind::money, kAnyMoney).value_or(0); });
  // Only the "ttm" period uses it, but a file may keep it while its period is switched (the
  // spec's own example does), so it is accepted with any period.
  table.step([&] { state.ttm = table.number("ttm", ValueKind::money, kAnyMoney); });
}

std::array<double, 4> read_seasonality(const TableReader& table) {
  const toml::array* weights = table.array("seasonality");
  if (weights->size() != 4) {
    table.fail("seasonality",
               "expected four quarterly weights, got " + std::to_string(weights->size()));
  }
  std::array<double, 4> result{};
  for (std::size_t i = 0; i < 4; ++i) {
    result[i] =
        detail::read_number(*weights->get(i), table.dotted("seasonality") + "." + std::to_string(i),
                            ValueKind::plain, Range::greater_than(0), table.context());
  }
  // Mean 1, so the weights shape the year without changing its total.
  const double mean = std::accumulate(result.begin(), result.end(), 0.0) / 4;
  for (double& weight : result) weight /= mean;
  return result;
}

void read_revenue(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"model", "growth", "long_run_growth", "half_life_years", "volatility",
               "sector_loading", "seasonality"});
  RevenueSpec& revenue = spec.revenue;
  table.step([&] {
    revenue.model = enum_value<RevenueModel>(table, "model",
                                             {{"growth", RevenueModel::growth},
                                              {"market", RevenueModel::market},
                                              {"orders", RevenueModel::orders}},
                                             RevenueModel::growth);
  });
  if (revenue.model != RevenueModel::growth) {
    const std::string section = revenue.model == RevenueModel::market ? "[market]" : "[orders]";
    for (const char* key :
         {"growth", "long_run_growth", "half_life_years", "volatility", "sector_loading"}) {
      table.step([&] {
        table.forbid(key,
                     "only used with revenue.model = \"growth\"; this model takes its "
                     "growth and volatility from " +
                         section);
      });
    }
  } else {
    table.step([&] {
      revenue.growth =
          table.need("growth", detail::read_param(table, "growth", ValueKind::rate, kGrowth));
    });
    table.step([&] {
      revenue.long_run_growth =
          detail::read_param(table, "long_run_growth", ValueKind::rate, kGrowth);
    });
    table.step([&] {
      revenue.half_life_years = table.number("half_life_years", ValueKind::plain, kHalfLife);
    });
    table.step([&] {
      revenue.volatility = table.number("volatility", ValueKind::rate, kVolatility).value_or(0);
    });
    table.step([&] {
      revenue.sector_loading = table.number("sector_loading", ValueKind::rate, kUnit).value_or(0);
    });
  }
  table.step([&] {
    if (table.has("seasonality")) revenue.seasonality = read_seasonality(table);
  });
}

void read_market(const TableReader& table, ScenarioSpec& spec) {
  if (spec.revenue.model != RevenueModel::market) {
    if (table.present()) {
      throw ScenarioError(table.table_where(), "market",
                          "the [market] section is only used with revenue.model = \"market\"; "
                          "remove it or set the model");
    }
    return;
  }
  if (!table.present()) {
    throw ScenarioError(table.table_where(), "market",
                        "required section missing: revenue.model = \"market\" needs [market]");
  }
  table.allow(
      {"size", "growth", "volatility", "share", "share_cap", "share_speed", "share_volatility"});
  const Range share = Range::above_to(0, 1);  // log share must exist
  MarketSpec market;
  auto required = [&](std::string_view key, ValueKind kind, const Range& range, Param& into) {
    table.step([&] { into = table.need(key, detail::read_param(table, key, kind, range)); });
  };
  required("size", ValueKind::money, kPositiveMoney, market.size);
  required("growth", ValueKind::rate, kGrowth, market.growth);
  table.step([&] {
    market.volatility = table.number("volatility", ValueKind::rate, kVolatility).value_or(0);
  });
  required("share", ValueKind::rate, share, market.share);
  required("share_cap", ValueKind::rate, share, market.share_cap);
  required("share_speed", ValueKind::rate, kShareSpeed, market.share_speed);
  table.step([&] {
    market.share_volatility =
        table.number("share_volatility", ValueKind::rate, kVolatility).value_or(0);
  });
  spec.market = std::move(market);
}

void read_margin(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"gross", "long_run", "half_life_years", "noise"});
  const Range margin = Range::between(-1, 1);
  MarginSpec& result = spec.margin;
  table.step([&] {
    result.gross = table.need("gross", detail::read_param(table, "gross", ValueKind::rate, margin));
  });
  table.step(
      [&] { result.long_run = detail::read_param(table, "long_run", ValueKind::rate, margin); });
  table.step([&] {
    result.half_life_years = table.number("half_life_years", ValueKind::plain, kHalfLife);
  });
  table.step(
      [&] { result.noise = table.number("noise", ValueKind::rate, kVolatility).value_or(0); });
}

// A (P) value with a default; an error is recorded and leaves the default.
void param_or(const TableReader& table, std::string_view key, ValueKind kind, const Range& range,
              double fallback, Param& into) {
  into = Param::constant_value(fallback);
  table.step([&] {
    if (auto value = detail::read_param(table, key, kind, range)) into = std::move(*value);
  });
}

// A required (P) value.
void param_needed(const TableReader& table, std::string_view key, ValueKind kind,
                  const Range& range, Param& into) {
  table.step([&] { into = table.need(key, detail::read_param(table, key, kind, range)); });
}

void read_costs(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"rnd", "rnd_growth", "rnd_revenue_floor", "sga", "sga_growth", "sga_variable",
               "share_based_comp", "share_based_comp_growth", "depreciation"});
  CostsSpec& costs = spec.costs;
  param_needed(table, "rnd", ValueKind::money, kMoney, costs.rnd);
  param_or(table, "rnd_growth", ValueKind::rate, kGrowth, 0, costs.rnd_growth);
  table.step([&] {
    costs.rnd_revenue_floor = table.number("rnd_revenue_floor", ValueKind::rate, kRevenueShare);
  });
  param_needed(table, "sga", ValueKind::money, kMoney, costs.sga);
  param_or(table, "sga_growth", ValueKind::rate, kGrowth, 0, costs.sga_growth);
  param_or(table, "sga_variable", ValueKind::rate, kRevenueShare, 0, costs.sga_variable);
  param_or(table, "share_based_comp", ValueKind::money, kMoney, 0, costs.share_based_comp);
  param_or(table, "share_based_comp_growth", ValueKind::rate, kGrowth, 0,
           costs.share_based_comp_growth);
  param_or(table, "depreciation", ValueKind::money, kMoney, 0, costs.depreciation);
}

void read_other(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"subsidies", "interest_rate"});
  // Other income may be negative (one-off losses), so subsidies are any amount.
  param_or(table, "subsidies", ValueKind::money, kAnyMoney, 0, spec.other.subsidies);
  param_or(table, "interest_rate", ValueKind::rate, Range::between(-1, 1), 0,
           spec.other.interest_rate);
}

void read_tax(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"rate", "loss_carryforward"});
  table.step([&] {
    spec.tax.rate = table.number("rate", ValueKind::rate, Range::from_below(0, 1)).value_or(0.15);
  });
  table.step([&] {
    spec.tax.loss_carryforward =
        table.number("loss_carryforward", ValueKind::money, kMoney).value_or(0);
  });
}

void read_cash(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"capex", "working_capital_ratio", "minimum"});
  param_or(table, "capex", ValueKind::money, kMoney, 0, spec.cash.capex);
  // Negative working capital (customers paying ahead) is real, so the ratio may be negative.
  param_or(table, "working_capital_ratio", ValueKind::rate, kWorkingCapital, 0,
           spec.cash.working_capital_ratio);
  table.step(
      [&] { spec.cash.minimum = table.number("minimum", ValueKind::money, kMoney).value_or(0); });
}

FundingRound read_round(const TableReader& table) {
  table.allow({"name", "date", "amount", "probability"});
  FundingRound round;
  table.step([&] { round.name = table.need("name", table.string("name")); });
  table.step(
      [&] { round.date = table.need("date", table.date("date", DateRole::month_or_quarter)); });
  param_needed(table, "amount", ValueKind::money, kMoney, round.amount);
  table.step(
      [&] { round.probability = table.number("probability", ValueKind::rate, kUnit).value_or(1); });
  return round;
}

FundingPolicy read_policy(const TableReader& table) {
  table.allow({"trigger_runway_months", "size_months", "amount", "success_probability",
               "lag_months", "retry_months", "max_raises", "not_before"});
  FundingPolicy policy;
  table.step([&] {
    policy.trigger_runway_months = to_int(table.need(
        "trigger_runway_months", table.integer("trigger_runway_months", 1, kMaxMonthCount)));
  });
  table.step([&] {
    if (table.has("size_months") && table.has("amount")) {
      table.fail("amount", "give either size_months or amount, not both");
    }
    if (!table.has("size_months") && !table.has("amount")) {
      table.fail_missing("size_months", "or give amount");
    }
  });
  table.step([&] {
    if (const auto months = table.integer("size_months", 1, kMaxMonthCount))
      policy.size_months = to_int(*months);
  });
  table.step(
      [&] { policy.amount = detail::read_param(table, "amount", ValueKind::money, kMoney); });
  table.step([&] {
    policy.success_probability =
        table.number("success_probability", ValueKind::rate, kUnit).value_or(1);
  });
  table.step([&] {
    policy.lag_months = to_int(table.integer("lag_months", 1, kMaxMonthCount).value_or(6));
  });
  table.step([&] {
    policy.retry_months = to_int(table.integer("retry_months", 0, kMaxMonthCount).value_or(6));
  });
  table.step([&] { policy.max_raises = to_int(table.integer("max_raises", 0).value_or(1000000)); });
  table.step([&] { policy.not_before = table.date("not_before", DateRole::month_or_quarter); });
  return policy;
}

void read_funding(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"rounds", "policy"});
  table.step([&] {
    for (const auto& round : table_array(table, "rounds", "[[funding.rounds]]")) {
      spec.rounds.push_back(read_round(round));
    }
  });
  table.step([&] {
    if (const toml::table* policy = table.subtable("policy")) {
      spec.policy = read_policy(TableReader(policy, table.dotted("policy"),
                                            detail::location_of(*policy), table.context()));
    }
  });
}

// Level effects multiply by (1 + effect); growth adds to the annual log-growth rate; gross_margin
// adds margin points, which cannot move a margin by more than its whole range.
Range effect_range(EventTarget target) {
  if (target == EventTarget::growth) return kGrowthEffect;
  if (target == EventTarget::gross_margin) return Range::between(-2, 2);
  return kLevelEffect;
}

void read_event_target(const TableReader& table, EventSpec& event) {
  if (!table.has("target"))
    table.fail_missing("target", "revenue, growth, gross_margin, rnd, sga or milestones");
  event.target = enum_value<EventTarget>(table, "target",
                                         {{"revenue", EventTarget::revenue},
                                          {"growth", EventTarget::growth},
                                          {"gross_margin", EventTarget::gross_margin},
                                          {"rnd", EventTarget::rnd},
                                          {"sga", EventTarget::sga},
                                          {"milestones", EventTarget::milestones}},
                                         EventTarget::revenue);
}

void read_poisson_timing(const TableReader& table, EventSpec& event) {
  table.step([&] {
    table.forbid("probability",
                 "only used with date (a scheduled event); a Poisson event's rate_per_year "
                 "already says how likely it is");
  });
  table.step(
      [&] { event.rate_per_year = table.number("rate_per_year", ValueKind::rate, kRatePerYear); });
  const bool start =
      table.step([&] { event.start = table.date("start", DateRole::month_or_quarter); });
  table.step([&] {
    event.end = table.date("end", DateRole::month_or_quarter);
    if (start && event.start && event.end && *event.end < *event.start) {
      table.fail("end", "must not be before start (" + event.start->label() + "), got " +
                            event.end->label());
    }
  });
  table.step([&] {
    if (const auto count = table.integer("max_occurrences", 1))
      event.max_occurrences = to_int(*count);
  });
}

void read_scheduled_timing(const TableReader& table, EventSpec& event) {
  for (const char* key : {"start", "end", "max_occurrences"}) {
    table.step([&] {
      table.forbid(key, "only used with rate_per_year (Poisson arrivals), not with date");
    });
  }
  table.step([&] { event.date = table.date("date", DateRole::month_or_quarter); });
  table.step(
      [&] { event.probability = table.number("probability", ValueKind::rate, kUnit).value_or(1); });
}

EventSpec read_event(const TableReader& table) {
  table.allow({"name", "target", "effect", "duration_months", "rate_per_year", "date",
               "probability", "start", "end", "max_occurrences"});
  EventSpec event;
  table.step([&] { event.name = table.need("name", table.string("name")); });
  // The effect's range depends on the target, so it is checked only against a target read.
  const bool target_read = table.step([&] { read_event_target(table, event); });
  if (target_read && event.target == EventTarget::milestones) {
    // It moves dates, not amounts: its size is duration_months.
    table.step([&] {
      table.forbid("effect", "not used with target = \"milestones\"; duration_months is the delay");
    });
    event.effect = Param::constant_value(0);
    table.step([&] {
      event.duration_months =
          to_int(table.need("duration_months", table.integer("duration_months", 1, kMaxMonthCount),
                            "the delay in months"));
    });
  } else {
    if (target_read)
      param_needed(table, "effect", ValueKind::rate, effect_range(event.target), event.effect);
    table.step([&] {
      event.duration_months =
          to_int(table.integer("duration_months", 0, kMaxMonthCount).value_or(0));
    });
  }
  const bool poisson = table.has("rate_per_year");
  const bool scheduled = table.has("date");
  if (poisson && scheduled) {
    table.fail("date",
               "give either rate_per_year (Poisson arrivals) or date (one scheduled "
               "event), not both");
  }
  if (!poisson && !scheduled) {
    table.fail_missing("rate_per_year", "or date, for one scheduled event");
  }
  if (poisson) {
    read_poisson_timing(table, event);
  } else {
    read_scheduled_timing(table, event);
  }
  return event;
}

CorrelationSpec read_correlation(const TableReader& table) {
  table.allow({"between", "rho"});
  CorrelationSpec correlation;
  const toml::array* between = table.array("between");
  if (!between)
    table.fail_missing("between",
                       "two parameter keys, e.g. [\"revenue.growth\", \"margin.gross\"]");
  correlation.where = table.where("between");
  table.step([&] {
    correlation.rho =
        table.need("rho", table.number("rho", ValueKind::rate, Range::between(-1, 1)));
  });
  if (between->size() != 2) {
    table.fail("between", "expected two parameter keys, got " + std::to_string(between->size()));
  }
  std::array<std::string, 2> keys;
  for (std::size_t i = 0; i < 2; ++i) {
    const auto* text = between->get(i)->as_string();
    if (!text) {
      table.fail("between", "expected parameter keys in quotes such as \"revenue.growth\", got " +
                                detail::describe_node(*between->get(i)));
    }
    keys[i] = text->get();
  }
  if (keys[0] == keys[1])
    table.fail("between", "needs two different keys, got " + keys[0] + " twice");
  correlation.a = keys[0];
  correlation.b = keys[1];
  return correlation;
}

// Does `target` name a period of `kind`? ("2026", "2026-Q3", "2026-05"; ttm uses month labels.)
std::optional<std::string> period_label(std::string_view target, PeriodKind kind) {
  switch (kind) {
    case PeriodKind::year:
      if (target.size() == 4) {
        if (const auto date = parse_date(target, DateRole::horizon))
          return std::to_string(date->year);
      }
      return std::nullopt;
    case PeriodKind::quarter:
      if (target.size() == 7 && (target[5] == 'Q' || target[5] == 'q')) {
        if (const auto date = parse_date(target, DateRole::month_or_quarter)) {
          return std::to_string(date->year) + "-Q" + std::to_string((date->month - 1) / 3 + 1);
        }
      }
      return std::nullopt;
    case PeriodKind::month:
    case PeriodKind::ttm:
      if (target.size() == 7 && target[5] != 'Q' && target[5] != 'q') {
        if (const auto date = parse_date(target, DateRole::month_or_quarter)) return date->label();
      }
      return std::nullopt;
  }
  return std::nullopt;
}

void read_target(const TableReader& table, BreakevenSpec& breakeven);

void read_breakeven(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"metric", "period", "sustained", "target"});
  BreakevenSpec& breakeven = spec.breakeven;
  table.step([&] {
    breakeven.metric = enum_value<Metric>(table, "metric",
                                          {{"net_income", Metric::net_income},
                                           {"net_income_ex_sbc", Metric::net_income_ex_sbc},
                                           {"operating_income", Metric::operating_income},
                                           {"operating_cash_flow", Metric::operating_cash_flow},
                                           {"free_cash_flow", Metric::free_cash_flow}},
                                          Metric::net_income);
  });
  const bool period = table.step([&] {
    breakeven.period = enum_value<PeriodKind>(table, "period",
                                              {{"year", PeriodKind::year},
                                               {"quarter", PeriodKind::quarter},
                                               {"month", PeriodKind::month},
                                               {"ttm", PeriodKind::ttm}},
                                              PeriodKind::year);
  });
  table.step([&] {
    breakeven.sustained = to_int(table.integer("sustained", 1, kMaxMonthCount).value_or(1));
  });
  // A target is a label of the period kind, so it is checked only against a period read.
  if (period) table.step([&] { read_target(table, breakeven); });
}

void read_target(const TableReader& table, BreakevenSpec& breakeven) {
  if (const auto* target = table.node("target")) {
    std::string given;
    // target = 2026 (an integer) is what an analyst types for a fiscal year; accept it.
    if (const auto* year = target->as_integer(); year && breakeven.period == PeriodKind::year) {
      given = std::to_string(year->get());
    } else if (const auto* text = target->as_string()) {
      given = text->get();
    } else {
      table.fail("target", "expected a period label in quotes such as \"2026\", got " +
                               detail::describe_node(*target));
    }
    const auto label = period_label(given, breakeven.period);
    if (!label) {
      static const char* const kExamples[] = {"\"2026\"", "\"2026-Q3\"", "\"2026-05\"",
                                              "\"2026-05\" (the last month of the 12)"};
      table.fail("target", "\"" + given + "\" is not a " + to_string(breakeven.period) +
                               " label; expected e.g. " +
                               kExamples[static_cast<int>(breakeven.period)]);
    }
    breakeven.target = *label;
  }
}

ScenarioSpec read_document(const toml::table& document, const std::string& file_name,
                           std::vector<ScenarioError>& errors) {
  ScenarioSpec spec;
  spec.file = file_name;
  ReadContext context{file_name, "1", 1, &spec.locations, &spec.notes, &errors};
  const TableReader root(&document, "", SourceLocation{file_name, 0}, context);
  root.allow({"company", "simulation", "state", "revenue", "market", "margin", "costs", "other",
              "tax", "cash", "funding", "events", "milestones", "orders", "correlation",
              "breakeven"});
  // money_unit first: every money value is converted into it. The revenue model and the
  // break-even period decide which keys other sections may hold.
  using SectionReader = void (*)(const TableReader&, ScenarioSpec&);
  const std::pair<const char*, SectionReader> sections[] = {{"company", read_company},
                                                            {"simulation", read_simulation},
                                                            {"breakeven", read_breakeven},
                                                            {"revenue", read_revenue},
                                                            {"state", read_state},
                                                            {"market", read_market},
                                                            {"orders", detail::read_orders},
                                                            {"margin", read_margin},
                                                            {"costs", read_costs},
                                                            {"other", read_other},
                                                            {"tax", read_tax},
                                                            {"cash", read_cash},
                                                            {"funding", read_funding}};
  for (const auto& [name, read] : sections) {
    root.step([&, name = name, read = read] { read(section(root, name), spec); });
  }
  root.step([&] {
    for (const auto& event : table_array(root, "events", "[[events]]")) {
      event.step([&] { spec.events.push_back(read_event(event)); });
    }
  });
  root.step([&] {
    for (const auto& milestone : table_array(root, "milestones", "[[milestones]]"))
      milestone.step([&] { spec.milestones.push_back(detail::read_milestone(milestone)); });
  });
  root.step([&] { detail::check_milestone_links(spec); });
  root.step([&] {
    for (const auto& correlation : table_array(root, "correlation", "[[correlation]]")) {
      correlation.step([&] { spec.correlations.push_back(read_correlation(correlation)); });
    }
  });
  return spec;
}

// toml++ says "cannot redefine existing integer 'a'"; say plainly that the key is given twice.
std::string explain_parse_error(std::string_view description) {
  std::string text(description);
  if (text.find("could not be interpreted") != std::string::npos) {
    return "number out of range: not a finite double-precision number (at most about 1.8e308)";
  }
  if (text.find("not representable in 64 bits") != std::string::npos) {
    return "whole number out of range: does not fit in 64 bits (-9223372036854775808 to "
           "9223372036854775807)";
  }
  if (text.find("redefine existing table as dotted") != std::string::npos) {
    return "the table this dotted key adds to is already defined (an inline table { ... } "
           "is complete as written; put the field inside its braces)";
  }
  if (const std::size_t start = text.find("cannot redefine existing"); start != std::string::npos) {
    text = text.substr(start);
    const std::size_t open = text.find('\'');
    const std::size_t close = text.rfind('\'');
    if (open != std::string::npos && close > open) {
      return "'" + text.substr(open + 1, close - open - 1) +
             "' is given twice; each key and table may appear only once (TOML: " + text + ")";
    }
  }
  return "not valid TOML: " + text;
}

ScenarioError syntax_error(const toml::parse_error& error, std::string_view text,
                           const std::string& file_name) {
  const int line = static_cast<int>(error.source().begin.line);
  const std::string key = detail::key_on_line(text, line);
  ScenarioError result(SourceLocation{file_name, line}, key,
                       explain_parse_error(error.description()));
  result.set_source_line(std::string(detail::line_text(text, line)));
  return result;
}

// "required key missing" for a.b when a.bb is an unknown key that suggests b: the typo is the
// mistake, and one message about it is enough.
bool explained_by_typo(const ScenarioError& missing, const std::vector<ScenarioError>& errors) {
  if (missing.message().rfind("required key missing", 0) != 0) return false;
  const std::string& key = missing.key();
  const std::size_t dot = key.rfind('.');
  const std::string prefix = dot == std::string::npos ? "" : key.substr(0, dot + 1);
  const std::string name = key.substr(prefix.size());
  for (const ScenarioError& other : errors) {
    if (other.key().rfind(prefix, 0) == 0 &&
        other.key().find('.', prefix.size()) == std::string::npos &&
        other.message().find("did you mean '" + name + "'") != std::string::npos)
      return true;
  }
  return false;
}

// Sorted by line, errors without one (a missing section) last; each quoting its line.
ScenarioErrors sorted_errors(std::vector<ScenarioError> errors, std::string_view text) {
  std::vector<ScenarioError> kept;
  for (const ScenarioError& error : errors)
    if (!explained_by_typo(error, errors)) kept.push_back(error);
  errors = std::move(kept);
  std::stable_sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) {
    const int la = a.where().line > 0 ? a.where().line : std::numeric_limits<int>::max();
    const int lb = b.where().line > 0 ? b.where().line : std::numeric_limits<int>::max();
    return la < lb;
  });
  for (ScenarioError& error : errors) {
    if (error.where().line > 0 && error.where().file != "--set")
      error.set_source_line(std::string(detail::line_text(text, error.where().line)));
  }
  return ScenarioErrors(std::move(errors));
}

}  // namespace

ScenarioSpec parse_scenario(std::string_view toml_text, const std::string& file_name,
                            const std::vector<Override>& overrides) {
  toml::table document;
  try {
    document = toml::parse(toml_text, std::string_view(file_name));
  } catch (const toml::parse_error& error) {
    throw ScenarioErrors({syntax_error(error, toml_text, file_name)});
  }
  detail::apply_overrides(document, overrides);
  std::vector<ScenarioError> errors;
  ScenarioSpec spec = read_document(document, file_name, errors);
  // Only a file whose keys are each in range can be judged as a whole.
  if (errors.empty()) detail::check_finite_budget(spec, errors);
  if (!errors.empty()) throw sorted_errors(std::move(errors), toml_text);
  return spec;
}

ScenarioSpec load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ScenarioError(SourceLocation{path, 0}, "",
                        std::string("cannot open the file: ") + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path, overrides);
}

}  // namespace breakeven
