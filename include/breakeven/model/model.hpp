// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "breakeven/model/chip_model.hpp"
#include "breakeven/scenario/param_table.hpp"
#include "breakeven/scenario/scenario_spec.hpp"

namespace breakeven {

/// One break-even period (fiscal year, calendar quarter, month, or trailing-12-month window)
/// that overlaps the simulation. Month indices count from the simulation start (0).
struct Period {
  std::string label;  ///< "2027", "2027-Q3", "2027-05"
  int first_month;    ///< may be negative: the open period at the start began before it
  int last_month;     ///< may exceed the horizon: such a period is never judged
  bool ends_within_horizon;
};

/// A fiscal year overlapping the simulation, for fans and cash-out by year.
struct FiscalYear {
  std::string label;  ///< calendar year in which it ends
  int first_month;    ///< clipped to 0
  int last_month;     ///< clipped to the horizon
};

/// A (P) parameter slot: each path draws one value per slot, in slot order.
struct ParamSlot {
  std::string key;  ///< dotted key, e.g. "revenue.growth"
  Distribution dist;
  std::uint64_t stream_key;          ///< hash of `key`: the slot's draw depends on nothing else
  ParamUnit unit = ParamUnit::rate;  ///< how a report shows its values
};

struct CompiledRound {
  std::string name;
  int month;  ///< lands at the end of this month
  double probability;
  std::uint64_t stream_key;  ///< hash of "round:" + name (+ a counter for repeated names)
};

struct CompiledEvent {
  std::string name;
  EventTarget target;
  Distribution effect;
  int duration_months;  ///< 0: permanent
  bool scheduled;       ///< true: one occurrence at `first_month` with `probability`
  double probability;   ///< scheduled: of happening; Poisson: per month, 1 - exp(-rate/12)
  int first_month;      ///< Poisson window, inclusive, clipped to the simulation
  int last_month;
  int max_occurrences;       ///< Poisson only; a large number when unlimited
  std::uint64_t stream_key;  ///< its own random stream: hash of "event:" + name (+ a counter)
  /// Poisson only: log(1 - probability), the log-probability of a month without an arrival,
  /// which every path's waiting times divide by (computed once here, not per arrival).
  double log_miss = 0.0;
};

struct CompiledPolicy {
  double trigger_runway_months;
  std::optional<int> size_months;  ///< else the `policy_amount` slot
  double success_probability;
  int lag_months, retry_months, max_raises;
  int not_before_month;  ///< month index; 0 when not given
};

struct ModelOptions {
  bool strict = false;  ///< refuse, rather than repair, a non-PSD correlation matrix
};

/// A validated scenario, compiled for fast simulation: per-month tables, periods, parameter
/// slots and the copula factor. Immutable and shared by all threads.
struct Model {
  ScenarioSpec spec;
  int months = 0;                    ///< M: simulated months, start through horizon
  std::vector<double> seasonality;   ///< per month; 1 without seasonality
  std::vector<double> growth_decay;  ///< 2^(-m / (12 h)); 1 when no half-life
  std::vector<double> margin_decay;
  std::vector<Period> periods;       ///< break-even periods in time order
  std::optional<int> target_period;  ///< index into periods
  std::vector<FiscalYear> fiscal_years;
  std::vector<int> fiscal_year_of_month;
  std::vector<ParamSlot> slots;
  ParamIndex index;               ///< declared with the parameter table, which fills it
  std::vector<int> copula_slots;  ///< slots taking part in correlations
  Eigen::MatrixXd copula_factor;  ///< F with F F^T = correlation among copula_slots
  std::vector<CompiledRound> rounds;
  std::vector<int> round_order;  ///< indices into rounds, by landing month
  std::optional<CompiledPolicy> policy;
  std::vector<CompiledEvent> events;
  std::vector<CompiledMilestone> milestones;
  std::optional<CompiledOrders> orders;  ///< revenue model "orders" only
  double initial_annual_revenue = 0;     ///< state.revenue (model "growth"; "market" uses each
                                         ///< path's own share * size)
  /// Mixed into every company-specific stream and draw (not the sector shocks): the hash of
  /// `company.name`, so companies of a joint batch share sector shocks but not their own, and a
  /// company's draws are the same alone and in a batch.
  std::uint64_t company_key = 0;
  std::vector<std::string> warnings;  ///< e.g. the correlation pairs a repair changed
};

/// Checks what a single key could not (horizon after start, target inside the horizon,
/// correlation keys naming per-path (P) parameters, required keys per revenue model) and
/// compiles. Throws ScenarioError naming file, line and key.
Model build_model(const ScenarioSpec& spec, const ModelOptions& options = {});

/// Label of break-even period `period_index` (an index into Model::periods).
std::string period_label(const Model& model, int period_index);

}  // namespace breakeven
