// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "breakeven/math/distribution.hpp"
#include "breakeven/scenario/calendar.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {

/// A (P) parameter: drawn once per path (or a constant). `key` is its dotted name, e.g.
/// "revenue.growth" or "funding.rounds.0.amount", which correlations refer to.
using Param = Distribution;

enum class RevenueModel { growth, market, orders };
/// `milestones` delays every pending milestone by the event's duration_months; it has no effect.
enum class EventTarget { revenue, growth, gross_margin, rnd, sga, milestones };
enum class Metric {
  net_income,
  net_income_ex_sbc,
  operating_income,
  operating_cash_flow,
  free_cash_flow
};
enum class PeriodKind { year, quarter, month, ttm };

struct CompanySpec {
  std::string name;
  std::string currency;          ///< label only
  std::string money_unit = "1";  ///< "1", "k", "M", "B", "万", "亿"
  double money_unit_scale = 1;   ///< yuan (or currency units) per money unit
  int fiscal_year_end = 12;
  std::string as_of;  ///< "2026-03-31": the date the file's data stop at; empty when not given
};

struct SimulationSpec {
  YearMonth start;
  YearMonth horizon;  ///< last simulated month, inclusive
  std::int64_t paths = 100000;
  std::uint64_t seed = 1;
};

struct StateSpec {
  double cash = 0;
  std::optional<double> revenue;  ///< annualised run-rate; required for model "growth"
  double ytd = 0;
  std::optional<double> ttm;
};

struct RevenueSpec {
  RevenueModel model = RevenueModel::growth;
  Param growth;
  std::optional<Param> long_run_growth;   ///< default: growth (same draw)
  std::optional<double> half_life_years;  ///< default: never decays
  double volatility = 0;
  double sector_loading = 0;
  std::optional<std::array<double, 4>> seasonality;  ///< normalised to mean 1 by the parser
};

struct MarketSpec {
  Param size;
  Param growth;
  double volatility = 0;
  Param share;
  Param share_cap;
  Param share_speed;
  double share_volatility = 0;
};

struct MarginSpec {
  Param gross;
  std::optional<Param> long_run;  ///< default: gross (same draw)
  std::optional<double> half_life_years;
  double noise = 0;
};

struct CostsSpec {
  Param rnd;
  Param rnd_growth = Param::constant_value(0);
  std::optional<double> rnd_revenue_floor;
  Param sga;
  Param sga_growth = Param::constant_value(0);
  Param sga_variable = Param::constant_value(0);
  Param share_based_comp = Param::constant_value(0);
  Param share_based_comp_growth = Param::constant_value(0);
  Param depreciation = Param::constant_value(0);
};

struct OtherSpec {
  Param subsidies = Param::constant_value(0);
  Param interest_rate = Param::constant_value(0);
};

struct TaxSpec {
  double rate = 0.15;
  double loss_carryforward = 0;
};

struct CashSpec {
  Param capex = Param::constant_value(0);
  Param working_capital_ratio = Param::constant_value(0);
  double minimum = 0;
};

struct FundingRound {
  std::string name;
  YearMonth date;
  Param amount;
  double probability = 1;
};

struct FundingPolicy {
  int trigger_runway_months = 0;
  std::optional<int> size_months;  ///< exactly one of size_months and amount
  std::optional<Param> amount;
  double success_probability = 1;
  int lag_months = 6;
  int retry_months = 6;
  int max_raises = 1000000;  ///< "no limit" unless given
  std::optional<YearMonth> not_before;
};

struct EventSpec {
  std::string name;
  EventTarget target = EventTarget::revenue;
  Param effect;             ///< drawn per occurrence
  int duration_months = 0;  ///< 0 = permanent
  // Poisson arrivals ...
  std::optional<double> rate_per_year;
  std::optional<YearMonth> start, end;  ///< default: the simulation's start and horizon
  std::optional<int> max_occurrences;
  // ... or one scheduled occurrence.
  std::optional<YearMonth> date;
  double probability = 1;
};

/// What a milestone changes once it succeeds: like an event's effect, phased in linearly.
struct MilestoneEffect {
  EventTarget target = EventTarget::growth;  ///< revenue, growth or gross_margin
  Param effect;
  int ramp_months = 0;  ///< 0: in full from the success month
};

/// A tape-out or launch: attempted at `date`, retried after each failure until it succeeds or
/// `max_respins` re-spins have failed too.
struct MilestoneSpec {
  std::string name;
  YearMonth date;
  Param success_probability;  ///< per attempt
  MilestoneEffect on_success;
  Param respin_cost = Param::constant_value(0);  ///< spent on each failed attempt
  Param respin_delay_months = Param::constant_value(0);
  int max_respins = 0;
  std::optional<std::string> requires_name;  ///< starts only after that milestone succeeded
};

/// A book of large contracts: revenue model "orders".
struct OrdersSpec {
  Param backlog;  ///< contracted, not yet delivered, at the start
  int backlog_months = 1;
  Param rate_per_year;  ///< new orders a year at the start (Poisson)
  Param rate_growth = Param::constant_value(0);
  Param size;  ///< drawn per order
  int delivery_months = 1;
  double sector_loading = 0;
  double volatility = 0;
};

struct CorrelationSpec {
  std::string a, b;  ///< dotted keys of per-path (P) parameters
  double rho = 0;
  SourceLocation where;
};

struct BreakevenSpec {
  Metric metric = Metric::net_income;
  PeriodKind period = PeriodKind::year;
  int sustained = 1;
  std::optional<std::string> target;  ///< a period label, e.g. "2026"
};

/// Something the parser decided on the reader's behalf, e.g. a distribution cut at its key's
/// bound because a negligible tail crossed it. Reports list it with the assumptions.
struct ScenarioNote {
  std::string key;  ///< dotted key, e.g. "revenue.long_run_growth"
  std::string text;
};

/// A scenario file as written, in the file's money unit, already range-checked key by key.
/// Cross-key checks (horizon after start, target inside the horizon, correlation names) are the
/// model builder's job. `locations` maps each dotted key given in the file to where it stood, so
/// later stages can still name file and line.
struct ScenarioSpec {
  std::string file;
  CompanySpec company;
  SimulationSpec simulation;
  StateSpec state;
  RevenueSpec revenue;
  std::optional<MarketSpec> market;
  MarginSpec margin;
  CostsSpec costs;
  OtherSpec other;
  TaxSpec tax;
  CashSpec cash;
  std::vector<FundingRound> rounds;
  std::optional<FundingPolicy> policy;
  std::vector<EventSpec> events;
  std::vector<MilestoneSpec> milestones;
  std::optional<OrdersSpec> orders;  ///< revenue model "orders" only
  std::vector<CorrelationSpec> correlations;
  BreakevenSpec breakeven;
  std::map<std::string, SourceLocation> locations;
  std::vector<ScenarioNote> notes;

  /// Where `key` was given; falls back to the file with line 0.
  SourceLocation location_of(const std::string& key) const;
};

std::string to_string(Metric metric);
std::string to_string(PeriodKind period);
std::string to_string(EventTarget target);

/// As an analyst reads them in a report: "net income", "free cash flow".
std::string readable_name(Metric metric);
/// "fiscal year", "quarter", "month", "trailing 12 months".
std::string readable_name(PeriodKind period);

}  // namespace breakeven
