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
#include "milestone_reader.hpp"
#include "orders_reader.hpp"
#include "override.hpp"
#include "param_reader.hpp"
#include "toml_reader.hpp"

namespace breakeven {
namespace {

using detail::Range;
using detail::ReadContext;
using detail::TableReader;
using detail::ValueKind;

// Growth rates are simple annual rates: ln(1 + g) must exist.
const Range kGrowth = Range::greater_than(-1);
const Range kUnit = Range::between(0, 1);
const Range kNonNegative = Range::at_least(0);
// A level effect of -1 removes the whole level; below that the level would turn negative.
const Range kLevelEffect = Range::at_least(-1);

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

void read_company(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"name", "currency", "money_unit", "fiscal_year_end"});
  CompanySpec& company = spec.company;
  company.name = table.need("name", table.string("name"));
  if (company.name.empty()) table.fail("name", "must not be empty");
  company.currency = table.string("currency").value_or("");
  if (const auto* unit = table.node("money_unit")) {
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
    const auto scale = money_unit_scale(given);
    if (!scale) {
      detail::fail_choice(table.where("money_unit"), table.dotted("money_unit"), "money unit",
                          given, money_unit_names());
    }
    company.money_unit = given;
    company.money_unit_scale = *scale;
  }
  table.context().money_unit = company.money_unit;
  table.context().money_scale = company.money_unit_scale;
  company.fiscal_year_end = to_int(table.integer("fiscal_year_end", 1, 12).value_or(12));
}

void read_simulation(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"start", "horizon", "paths", "seed"});
  SimulationSpec& simulation = spec.simulation;
  simulation.start = table.need("start", table.date("start", DateRole::month_or_quarter));
  simulation.horizon = table.need("horizon", table.date("horizon", DateRole::horizon));
  if (!(simulation.horizon > simulation.start)) {
    table.fail("horizon", "must be after simulation.start (" + simulation.start.label() +
                              "), got " + simulation.horizon.label());
  }
  simulation.paths =
      table.integer("paths", 1, std::numeric_limits<std::int64_t>::max()).value_or(100000);
  simulation.seed = static_cast<std::uint64_t>(
      table.integer("seed", 0, std::numeric_limits<std::int64_t>::max()).value_or(1));
}

void read_state(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"cash", "revenue", "ytd", "ttm"});
  StateSpec& state = spec.state;
  state.cash = table.need("cash", table.number("cash", ValueKind::money, kNonNegative));
  if (spec.revenue.model == RevenueModel::orders) {
    // Optional: the working capital held at the start; without it, 12 months of backlog delivery.
    state.revenue = table.number("revenue", ValueKind::money, Range::greater_than(0));
  } else if (spec.revenue.model == RevenueModel::market) {
    table.forbid("revenue",
                 "not used with revenue.model = \"market\", where revenue starts at "
                 "market.share x market.size; remove it");
  } else {
    // ln(revenue / 12) starts the revenue path, so it must be positive.
    state.revenue =
        table.need("revenue", table.number("revenue", ValueKind::money, Range::greater_than(0)),
                   "the annualised revenue run-rate at the start");
  }
  state.ytd = table.number("ytd", ValueKind::money, Range::any()).value_or(0);
  // Only the "ttm" period uses it, but a file may keep it while its period is switched (the
  // spec's own example does), so it is accepted with any period.
  state.ttm = table.number("ttm", ValueKind::money, Range::any());
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
  revenue.model = enum_value<RevenueModel>(table, "model",
                                           {{"growth", RevenueModel::growth},
                                            {"market", RevenueModel::market},
                                            {"orders", RevenueModel::orders}},
                                           RevenueModel::growth);
  if (revenue.model != RevenueModel::growth) {
    const std::string section = revenue.model == RevenueModel::market ? "[market]" : "[orders]";
    for (const char* key :
         {"growth", "long_run_growth", "half_life_years", "volatility", "sector_loading"}) {
      table.forbid(key,
                   "only used with revenue.model = \"growth\"; this model takes its "
                   "growth and volatility from " +
                       section);
    }
  } else {
    revenue.growth =
        table.need("growth", detail::read_param(table, "growth", ValueKind::rate, kGrowth));
    revenue.long_run_growth =
        detail::read_param(table, "long_run_growth", ValueKind::rate, kGrowth);
    revenue.half_life_years =
        table.number("half_life_years", ValueKind::plain, Range::greater_than(0));
    revenue.volatility = table.number("volatility", ValueKind::rate, kNonNegative).value_or(0);
    revenue.sector_loading = table.number("sector_loading", ValueKind::rate, kUnit).value_or(0);
  }
  if (table.has("seasonality")) revenue.seasonality = read_seasonality(table);
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
  market.size = table.need(
      "size", detail::read_param(table, "size", ValueKind::money, Range::greater_than(0)));
  market.growth =
      table.need("growth", detail::read_param(table, "growth", ValueKind::rate, kGrowth));
  market.volatility = table.number("volatility", ValueKind::rate, kNonNegative).value_or(0);
  market.share = table.need("share", detail::read_param(table, "share", ValueKind::rate, share));
  market.share_cap =
      table.need("share_cap", detail::read_param(table, "share_cap", ValueKind::rate, share));
  market.share_speed = table.need(
      "share_speed", detail::read_param(table, "share_speed", ValueKind::rate, Range::any()));
  market.share_volatility =
      table.number("share_volatility", ValueKind::rate, kNonNegative).value_or(0);
  spec.market = std::move(market);
}

void read_margin(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"gross", "long_run", "half_life_years", "noise"});
  const Range margin = Range::between(-1, 1);
  MarginSpec& result = spec.margin;
  result.gross = table.need("gross", detail::read_param(table, "gross", ValueKind::rate, margin));
  result.long_run = detail::read_param(table, "long_run", ValueKind::rate, margin);
  result.half_life_years =
      table.number("half_life_years", ValueKind::plain, Range::greater_than(0));
  result.noise = table.number("noise", ValueKind::rate, kNonNegative).value_or(0);
}

// A (P) value with a default.
Param param_or(const TableReader& table, std::string_view key, ValueKind kind, const Range& range,
               double fallback) {
  return detail::read_param(table, key, kind, range).value_or(Param::constant_value(fallback));
}

void read_costs(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"rnd", "rnd_growth", "rnd_revenue_floor", "sga", "sga_growth", "sga_variable",
               "share_based_comp", "share_based_comp_growth", "depreciation"});
  CostsSpec& costs = spec.costs;
  costs.rnd = table.need("rnd", detail::read_param(table, "rnd", ValueKind::money, kNonNegative));
  costs.rnd_growth = param_or(table, "rnd_growth", ValueKind::rate, kGrowth, 0);
  costs.rnd_revenue_floor = table.number("rnd_revenue_floor", ValueKind::rate, kUnit);
  costs.sga = table.need("sga", detail::read_param(table, "sga", ValueKind::money, kNonNegative));
  costs.sga_growth = param_or(table, "sga_growth", ValueKind::rate, kGrowth, 0);
  costs.sga_variable = param_or(table, "sga_variable", ValueKind::rate, kUnit, 0);
  costs.share_based_comp = param_or(table, "share_based_comp", ValueKind::money, kNonNegative, 0);
  costs.share_based_comp_growth =
      param_or(table, "share_based_comp_growth", ValueKind::rate, kGrowth, 0);
  costs.depreciation = param_or(table, "depreciation", ValueKind::money, kNonNegative, 0);
}

void read_other(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"subsidies", "interest_rate"});
  // Other income may be negative (one-off losses), so subsidies are any amount.
  spec.other.subsidies = param_or(table, "subsidies", ValueKind::money, Range::any(), 0);
  spec.other.interest_rate =
      param_or(table, "interest_rate", ValueKind::rate, Range::between(-1, 1), 0);
}

void read_tax(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"rate", "loss_carryforward"});
  spec.tax.rate = table.number("rate", ValueKind::rate, Range::from_below(0, 1)).value_or(0.15);
  spec.tax.loss_carryforward =
      table.number("loss_carryforward", ValueKind::money, kNonNegative).value_or(0);
}

void read_cash(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"capex", "working_capital_ratio", "minimum"});
  spec.cash.capex = param_or(table, "capex", ValueKind::money, kNonNegative, 0);
  // Negative working capital (customers paying ahead) is real, so the ratio is any number.
  spec.cash.working_capital_ratio =
      param_or(table, "working_capital_ratio", ValueKind::rate, Range::any(), 0);
  spec.cash.minimum = table.number("minimum", ValueKind::money, kNonNegative).value_or(0);
}

FundingRound read_round(const TableReader& table) {
  table.allow({"name", "date", "amount", "probability"});
  FundingRound round;
  round.name = table.need("name", table.string("name"));
  round.date = table.need("date", table.date("date", DateRole::month_or_quarter));
  round.amount =
      table.need("amount", detail::read_param(table, "amount", ValueKind::money, kNonNegative));
  round.probability = table.number("probability", ValueKind::rate, kUnit).value_or(1);
  return round;
}

FundingPolicy read_policy(const TableReader& table) {
  table.allow({"trigger_runway_months", "size_months", "amount", "success_probability",
               "lag_months", "retry_months", "max_raises", "not_before"});
  FundingPolicy policy;
  policy.trigger_runway_months =
      to_int(table.need("trigger_runway_months", table.integer("trigger_runway_months", 1)));
  if (table.has("size_months") && table.has("amount")) {
    table.fail("amount", "give either size_months or amount, not both");
  }
  if (!table.has("size_months") && !table.has("amount")) {
    table.fail_missing("size_months", "or give amount");
  }
  if (const auto months = table.integer("size_months", 1)) policy.size_months = to_int(*months);
  policy.amount = detail::read_param(table, "amount", ValueKind::money, kNonNegative);
  policy.success_probability =
      table.number("success_probability", ValueKind::rate, kUnit).value_or(1);
  policy.lag_months = to_int(table.integer("lag_months", 1).value_or(6));
  policy.retry_months = to_int(table.integer("retry_months", 0).value_or(6));
  policy.max_raises = to_int(table.integer("max_raises", 0).value_or(1000000));
  policy.not_before = table.date("not_before", DateRole::month_or_quarter);
  return policy;
}

void read_funding(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"rounds", "policy"});
  for (const auto& round : table_array(table, "rounds", "[[funding.rounds]]")) {
    spec.rounds.push_back(read_round(round));
  }
  if (const toml::table* policy = table.subtable("policy")) {
    spec.policy = read_policy(
        TableReader(policy, table.dotted("policy"), detail::location_of(*policy), table.context()));
  }
}

EventSpec read_event(const TableReader& table) {
  table.allow({"name", "target", "effect", "duration_months", "rate_per_year", "date",
               "probability", "start", "end", "max_occurrences"});
  EventSpec event;
  event.name = table.need("name", table.string("name"));
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
  // Level effects multiply by (1 + effect); growth adds to the log-growth rate; gross_margin adds
  // margin points, which cannot move a margin by more than its whole range.
  Range effect_range = kLevelEffect;
  if (event.target == EventTarget::growth) effect_range = Range::any();
  if (event.target == EventTarget::gross_margin) effect_range = Range::between(-2, 2);
  if (event.target == EventTarget::milestones) {
    // It moves dates, not amounts: its size is duration_months.
    table.forbid("effect", "not used with target = \"milestones\"; duration_months is the delay");
    event.effect = Param::constant_value(0);
    event.duration_months = to_int(
        table.need("duration_months", table.integer("duration_months", 1), "the delay in months"));
  } else {
    event.effect =
        table.need("effect", detail::read_param(table, "effect", ValueKind::rate, effect_range));
    event.duration_months = to_int(table.integer("duration_months", 0).value_or(0));
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
    table.forbid("probability",
                 "only used with date (a scheduled event); a Poisson event's rate_per_year "
                 "already says how likely it is");
    event.rate_per_year = table.number("rate_per_year", ValueKind::rate, kNonNegative);
    event.start = table.date("start", DateRole::month_or_quarter);
    event.end = table.date("end", DateRole::month_or_quarter);
    if (event.start && event.end && *event.end < *event.start) {
      table.fail("end", "must not be before start (" + event.start->label() + "), got " +
                            event.end->label());
    }
    if (const auto count = table.integer("max_occurrences", 1))
      event.max_occurrences = to_int(*count);
  } else {
    for (const char* key : {"start", "end", "max_occurrences"}) {
      table.forbid(key, "only used with rate_per_year (Poisson arrivals), not with date");
    }
    event.date = table.date("date", DateRole::month_or_quarter);
    event.probability = table.number("probability", ValueKind::rate, kUnit).value_or(1);
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
  correlation.rho = table.need("rho", table.number("rho", ValueKind::rate, Range::between(-1, 1)));
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

void read_breakeven(const TableReader& table, ScenarioSpec& spec) {
  table.allow({"metric", "period", "sustained", "target"});
  BreakevenSpec& breakeven = spec.breakeven;
  breakeven.metric = enum_value<Metric>(table, "metric",
                                        {{"net_income", Metric::net_income},
                                         {"net_income_ex_sbc", Metric::net_income_ex_sbc},
                                         {"operating_income", Metric::operating_income},
                                         {"operating_cash_flow", Metric::operating_cash_flow},
                                         {"free_cash_flow", Metric::free_cash_flow}},
                                        Metric::net_income);
  breakeven.period = enum_value<PeriodKind>(table, "period",
                                            {{"year", PeriodKind::year},
                                             {"quarter", PeriodKind::quarter},
                                             {"month", PeriodKind::month},
                                             {"ttm", PeriodKind::ttm}},
                                            PeriodKind::year);
  breakeven.sustained = to_int(table.integer("sustained", 1).value_or(1));
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

ScenarioSpec read_document(const toml::table& document, const std::string& file_name) {
  ScenarioSpec spec;
  spec.file = file_name;
  ReadContext context{file_name, "1", 1, &spec.locations};
  const TableReader root(&document, "", SourceLocation{file_name, 0}, context);
  root.allow({"company", "simulation", "state", "revenue", "market", "margin", "costs", "other",
              "tax", "cash", "funding", "events", "milestones", "orders", "correlation",
              "breakeven"});
  // money_unit first: every money value is converted into it. The revenue model and the
  // break-even period decide which keys other sections may hold.
  read_company(section(root, "company"), spec);
  read_simulation(section(root, "simulation"), spec);
  read_breakeven(section(root, "breakeven"), spec);
  read_revenue(section(root, "revenue"), spec);
  read_state(section(root, "state"), spec);
  read_market(section(root, "market"), spec);
  detail::read_orders(section(root, "orders"), spec);
  read_margin(section(root, "margin"), spec);
  read_costs(section(root, "costs"), spec);
  read_other(section(root, "other"), spec);
  read_tax(section(root, "tax"), spec);
  read_cash(section(root, "cash"), spec);
  read_funding(section(root, "funding"), spec);
  for (const auto& event : table_array(root, "events", "[[events]]")) {
    spec.events.push_back(read_event(event));
  }
  for (const auto& milestone : table_array(root, "milestones", "[[milestones]]"))
    spec.milestones.push_back(detail::read_milestone(milestone));
  detail::check_milestone_links(spec);
  for (const auto& correlation : table_array(root, "correlation", "[[correlation]]")) {
    spec.correlations.push_back(read_correlation(correlation));
  }
  return spec;
}

// toml++ says "cannot redefine existing integer 'a'"; say plainly that the key is given twice.
std::string explain_parse_error(std::string_view description) {
  std::string text(description);
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

}  // namespace

ScenarioSpec parse_scenario(std::string_view toml_text, const std::string& file_name,
                            const std::vector<Override>& overrides) {
  toml::table document;
  try {
    document = toml::parse(toml_text, std::string_view(file_name));
  } catch (const toml::parse_error& error) {
    throw ScenarioError(SourceLocation{file_name, static_cast<int>(error.source().begin.line)}, "",
                        explain_parse_error(error.description()));
  }
  detail::apply_overrides(document, overrides);
  return read_document(document, file_name);
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
