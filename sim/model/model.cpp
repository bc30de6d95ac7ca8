// SPDX-License-Identifier: MIT
#include "breakeven/model/model.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "breakeven/math/correlation.hpp"
#include "breakeven/math/random_stream.hpp"
#include "breakeven/scenario/param_table.hpp"

namespace breakeven {
namespace {

[[noreturn]] void fail(const ScenarioSpec& spec, const std::string& key, const std::string& msg) {
  throw ScenarioError(spec.location_of(key), key, msg);
}

int month_index(const ScenarioSpec& spec, YearMonth date) {
  return date.ordinal() - spec.simulation.start.ordinal();
}

// 2^(-m / (12 h)): the share of the gap to the long-run value left after m months.
std::vector<double> decay_table(int months, std::optional<double> half_life_years) {
  std::vector<double> table(static_cast<std::size_t>(months), 1.0);
  if (!half_life_years) return table;
  for (int m = 0; m < months; ++m)
    table[static_cast<std::size_t>(m)] = std::exp2(-m / (12.0 * *half_life_years));
  return table;
}

void build_periods(const ScenarioSpec& spec, Model& model) {
  const YearMonth start = spec.simulation.start;
  const int fye = spec.company.fiscal_year_end;
  const int months = model.months;

  auto add_period = [&](std::string label, int first, int last) {
    model.periods.push_back({std::move(label), first, last, last <= months - 1});
  };
  switch (spec.breakeven.period) {
    case PeriodKind::year: {
      int current = std::numeric_limits<int>::min();
      for (int m = 0; m < months; ++m) {
        const int fy = fiscal_year_of(start.plus_months(m), fye);
        if (fy != current) {
          current = fy;
          // A fiscal year named fy ends in month fye of calendar year fy.
          const int last = YearMonth{fy, fye}.ordinal() - start.ordinal();
          add_period(std::to_string(fy), last - 11, last);
        }
      }
      break;
    }
    case PeriodKind::quarter: {
      int current = -1;
      for (int m = 0; m < months; ++m) {
        const YearMonth ym = start.plus_months(m);
        const int quarter_key = ym.year * 4 + (ym.month - 1) / 3;
        if (quarter_key != current) {
          current = quarter_key;
          const int first =
              YearMonth{ym.year, (ym.month - 1) / 3 * 3 + 1}.ordinal() - start.ordinal();
          add_period(fmt::format("{}-Q{}", ym.year, (ym.month - 1) / 3 + 1), first, first + 2);
        }
      }
      break;
    }
    case PeriodKind::month:
      for (int m = 0; m < months; ++m) {
        add_period(start.plus_months(m).label(), m, m);
      }
      break;
    case PeriodKind::ttm: {
      // Without a trailing figure before the start, the first full window ends at month 11.
      const int first_judged = spec.state.ttm ? 0 : 11;
      for (int m = first_judged; m < months; ++m)
        add_period(start.plus_months(m).label(), m - 11, m);
      break;
    }
  }
}

void build_fiscal_years(const ScenarioSpec& spec, Model& model) {
  const YearMonth start = spec.simulation.start;
  model.fiscal_year_of_month.assign(static_cast<std::size_t>(model.months), -1);
  int current = std::numeric_limits<int>::min();
  for (int m = 0; m < model.months; ++m) {
    const int fy = fiscal_year_of(start.plus_months(m), spec.company.fiscal_year_end);
    if (fy != current) {
      current = fy;
      model.fiscal_years.push_back({std::to_string(fy), m, m});
    }
    model.fiscal_years.back().last_month = m;
    model.fiscal_year_of_month[static_cast<std::size_t>(m)] =
        static_cast<int>(model.fiscal_years.size()) - 1;
  }
}

int add_slot(Model& model, std::string key, const Param& dist, ParamUnit unit) {
  const std::uint64_t stream_key = hash_name(key);
  model.slots.push_back({std::move(key), dist, stream_key, unit});
  return static_cast<int>(model.slots.size()) - 1;
}

// The (P) keys of the parameter table in table order, then the funding amounts. An optional key
// the file leaves out shares the slot of the key it defaults to (the long-run growth is then
// the same draw as the starting growth).
void build_slots(const ScenarioSpec& spec, Model& model) {
  ParamIndex& ix = model.index;
  for (const ParamRow& row : param_table()) {
    if (!row.slot || !applies(row, spec)) continue;
    if (const Param* dist = param_value(row, spec))
      ix.*row.slot = add_slot(model, std::string(row.key), *dist, row.unit);
    else if (row.same_as)
      ix.*row.slot = ix.*row.same_as;
  }
  for (std::size_t i = 0; i < spec.rounds.size(); ++i)
    ix.round_amount.push_back(add_slot(model, fmt::format("funding.rounds.{}.amount", i),
                                       spec.rounds[i].amount, ParamUnit::money));
  if (spec.policy && spec.policy->amount)
    ix.policy_amount =
        add_slot(model, "funding.policy.amount", *spec.policy->amount, ParamUnit::money);
}

/// A stream key from a name, kept apart from earlier entries that carry the same name: keys follow
/// names rather than positions, so inserting an event does not move the others' draws.
template <class Compiled>
std::uint64_t unique_stream_key(const std::vector<Compiled>& earlier, const std::string& name) {
  std::uint64_t key = hash_name(name);
  for (const Compiled& other : earlier)
    if (other.stream_key == key) key = mix64(key + 1);
  return key;
}

void build_funding(const ScenarioSpec& spec, Model& model) {
  for (std::size_t i = 0; i < spec.rounds.size(); ++i) {
    const FundingRound& round = spec.rounds[i];
    const int month = month_index(spec, round.date);
    if (month < 0 || month >= model.months)
      fail(spec, fmt::format("funding.rounds.{}.date", i),
           fmt::format("{} is outside the simulation ({} to {})", round.date.label(),
                       spec.simulation.start.label(), spec.simulation.horizon.label()));
    model.rounds.push_back({round.name, month, round.probability,
                            unique_stream_key(model.rounds, "round:" + round.name)});
  }
  model.round_order.resize(model.rounds.size());
  std::iota(model.round_order.begin(), model.round_order.end(), 0);
  std::stable_sort(model.round_order.begin(), model.round_order.end(), [&](int a, int b) {
    return model.rounds[static_cast<std::size_t>(a)].month <
           model.rounds[static_cast<std::size_t>(b)].month;
  });
  if (!spec.policy) return;
  const FundingPolicy& policy = *spec.policy;
  model.policy =
      CompiledPolicy{static_cast<double>(policy.trigger_runway_months),
                     policy.size_months,
                     policy.success_probability,
                     policy.lag_months,
                     policy.retry_months,
                     policy.max_raises,
                     policy.not_before ? std::max(0, month_index(spec, *policy.not_before)) : 0};
}

void build_events(const ScenarioSpec& spec, Model& model) {
  for (std::size_t i = 0; i < spec.events.size(); ++i) {
    const EventSpec& event = spec.events[i];
    CompiledEvent compiled{event.name,
                           event.target,
                           event.effect,
                           event.duration_months,
                           false,
                           0.0,
                           0,
                           model.months - 1,
                           std::numeric_limits<int>::max(),
                           unique_stream_key(model.events, "event:" + event.name)};
    if (event.date) {
      const int month = month_index(spec, *event.date);
      if (month < 0 || month >= model.months)
        fail(spec, fmt::format("events.{}.date", i),
             fmt::format("{} is outside the simulation ({} to {})", event.date->label(),
                         spec.simulation.start.label(), spec.simulation.horizon.label()));
      compiled.scheduled = true;
      compiled.probability = event.probability;
      compiled.first_month = compiled.last_month = month;
    } else {
      compiled.probability = -std::expm1(-*event.rate_per_year / 12.0);
      compiled.log_miss = std::log1p(-compiled.probability);
      if (event.start) compiled.first_month = std::max(0, month_index(spec, *event.start));
      if (event.end)
        compiled.last_month = std::min(model.months - 1, month_index(spec, *event.end));
      if (event.start && event.end && *event.end < *event.start)
        fail(spec, fmt::format("events.{}.end", i), "must not be before the event's start");
      if (event.max_occurrences) compiled.max_occurrences = *event.max_occurrences;
    }
    model.events.push_back(std::move(compiled));
  }
}

int slot_of(const Model& model, const std::string& key) {
  for (std::size_t i = 0; i < model.slots.size(); ++i)
    if (model.slots[i].key == key) return static_cast<int>(i);
  return -1;
}

// Why `key` cannot be correlated in this scenario, from what the parameter table knows of it.
std::string not_correlatable(const ScenarioSpec& spec, const std::string& key) {
  const std::string text =
      fmt::format("'{}' is not a per-path (P) parameter of this scenario", key);
  const ParamRow* row = find_param(key);
  if (!row) return text;
  if (row->per_order) return text + ": it is drawn afresh for each order, not once per path";
  if (!row->drawn()) return text + ": it is one fixed number for every path";
  if (!applies(*row, spec)) return text + ": this revenue.model does not use it";
  return text + ": the file does not give it";
}

void build_copula(const ScenarioSpec& spec, const ModelOptions& options, Model& model) {
  if (spec.correlations.empty()) return;
  std::vector<std::pair<int, int>> pairs;  // positions within copula_slots
  auto member = [&](int slot) {
    for (std::size_t i = 0; i < model.copula_slots.size(); ++i)
      if (model.copula_slots[i] == slot) return static_cast<int>(i);
    model.copula_slots.push_back(slot);
    return static_cast<int>(model.copula_slots.size()) - 1;
  };
  for (std::size_t i = 0; i < spec.correlations.size(); ++i) {
    const CorrelationSpec& c = spec.correlations[i];
    const std::string key = fmt::format("correlation.{}.between", i);
    int slots[2] = {slot_of(model, c.a), slot_of(model, c.b)};
    for (int k = 0; k < 2; ++k)
      if (slots[k] < 0)
        throw ScenarioError(c.where, key, not_correlatable(spec, k == 0 ? c.a : c.b));
    if (slots[0] == slots[1])
      throw ScenarioError(c.where, key, "a parameter cannot be correlated with itself");
    for (int k = 0; k < 2; ++k)
      if (model.slots[static_cast<std::size_t>(slots[k])].dist.is_constant())
        model.warnings.push_back(
            fmt::format("{}: '{}' is a constant, so its correlation has no "
                        "effect",
                        key, k == 0 ? c.a : c.b));
    // Numbered second name first: the order every published result was drawn in. (The two
    // calls once sat in one argument list, whose order C++ leaves open: GCC ran them right to
    // left and clang left to right, so the copula's draws depended on the compiler.)
    const int second = member(slots[1]);
    const int first = member(slots[0]);
    pairs.emplace_back(first, second);
  }
  const auto n = static_cast<Eigen::Index>(model.copula_slots.size());
  Eigen::MatrixXd matrix = Eigen::MatrixXd::Identity(n, n);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    auto [a, b] = pairs[i];
    for (std::size_t j = 0; j < i; ++j)
      if ((pairs[j].first == a && pairs[j].second == b) ||
          (pairs[j].first == b && pairs[j].second == a))
        throw ScenarioError(spec.correlations[i].where, fmt::format("correlation.{}.between", i),
                            fmt::format("this pair is already correlated by correlation.{}", j));
    matrix(a, b) = matrix(b, a) = spec.correlations[i].rho;
  }
  CorrelationRepair repair = nearest_correlation_matrix(matrix);
  if (repair.repaired) {
    std::string changed;
    for (auto [i, j] : repair.changed_pairs) {
      const auto& ki =
          model.slots[static_cast<std::size_t>(model.copula_slots[static_cast<std::size_t>(i)])]
              .key;
      const auto& kj =
          model.slots[static_cast<std::size_t>(model.copula_slots[static_cast<std::size_t>(j)])]
              .key;
      changed += fmt::format("{}{} ~ {}: {:.3f} -> {:.3f}", changed.empty() ? "" : "; ", ki, kj,
                             matrix(i, j), repair.matrix(i, j));
    }
    if (options.strict)
      throw ScenarioError(spec.correlations.front().where, "correlation",
                          "the correlations are not consistent (matrix not positive "
                          "semi-definite); nearest consistent values would be: " +
                              changed);
    model.warnings.push_back(
        "correlation matrix is not positive semi-definite; repaired to the nearest one: " +
        changed);
  }
  model.copula_factor = copula_factor(repair.matrix);
}

}  // namespace

Model build_model(const ScenarioSpec& spec, const ModelOptions& options) {
  Model model;
  model.spec = spec;
  const SimulationSpec& sim = spec.simulation;
  model.months = sim.horizon.ordinal() - sim.start.ordinal() + 1;
  if (model.months < 1)
    fail(spec, "simulation.horizon",
         fmt::format("{} is not after the start {}", sim.horizon.label(), sim.start.label()));
  if (spec.revenue.model == RevenueModel::market && !spec.market)
    fail(spec, "revenue.model", "model \"market\" needs a [market] section");
  if (spec.revenue.model == RevenueModel::growth && !spec.state.revenue)
    fail(spec, "state.revenue", "required for revenue model \"growth\"");

  model.seasonality.assign(static_cast<std::size_t>(model.months), 1.0);
  if (spec.revenue.seasonality)
    for (int m = 0; m < model.months; ++m)
      model.seasonality[static_cast<std::size_t>(m)] =
          (*spec.revenue
                .seasonality)[static_cast<std::size_t>((sim.start.plus_months(m).month - 1) / 3)];
  model.growth_decay = decay_table(model.months, spec.revenue.half_life_years);
  model.margin_decay = decay_table(model.months, spec.margin.half_life_years);

  build_periods(spec, model);
  if (model.periods.empty())
    fail(spec, "breakeven.period", "no period of this kind ends within the horizon");
  if (spec.breakeven.target) {
    for (std::size_t p = 0; p < model.periods.size(); ++p)
      if (model.periods[p].label == *spec.breakeven.target && model.periods[p].ends_within_horizon)
        model.target_period = static_cast<int>(p);
    if (!model.target_period)
      fail(spec, "breakeven.target",
           fmt::format("'{}' is not a {} period that ends within the simulation ({} to {})",
                       *spec.breakeven.target, to_string(spec.breakeven.period), sim.start.label(),
                       sim.horizon.label()));
  }
  build_fiscal_years(spec, model);
  build_slots(spec, model);
  build_funding(spec, model);
  build_events(spec, model);
  build_milestones(spec, model);
  build_orders(spec, model);
  build_copula(spec, options, model);
  if (spec.state.revenue) model.initial_annual_revenue = *spec.state.revenue;
  // Keyed by the company's name, so its own draws are the same alone and in any joint batch,
  // and the base, bull and bear files of one company share them (common random numbers).
  model.company_key = hash_name(spec.company.name);
  return model;
}

std::string period_label(const Model& model, int period_index) {
  return model.periods.at(static_cast<std::size_t>(period_index)).label;
}

}  // namespace breakeven
