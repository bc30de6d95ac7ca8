// SPDX-License-Identifier: MIT
#include "finite_budget.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "breakeven/scenario/scenario_parser.hpp"
#include "breakeven/scenario/values.hpp"

namespace breakeven::detail {
namespace {

// The largest value a path can draw: the engine's uniforms stay below 1 - 1e-16.
double highest(const Param& p) {
  return p.is_constant() ? p.value : p.quantile(1 - 1e-16);
}

// ln(1 + g) of the highest growth; 0 when it cannot grow.
double log_growth(const Param& g) {
  return std::log1p(std::max(highest(g), 0.0));
}

// A contribution to a line's log amplification, with the key that makes it.
struct Driver {
  std::string key;
  double log_factor;
  std::string why;
};

struct Line {
  std::string name;  // "revenue", "costs.rnd"
  double log_start;  // ln of the highest starting annual amount
  std::vector<Driver> drivers;
};

// E[f(X)] of a parameter, by the midpoint rule over its quantile function.
template <typename F>
double expectation(const Param& p, F f) {
  if (p.is_constant()) return f(p.value);
  constexpr int kPoints = 2000;
  double sum = 0;
  for (int i = 0; i < kPoints; ++i) sum += f(p.quantile((i + 0.5) / kPoints));
  return sum / kPoints;
}

// Nine standard deviations of a normal: a chance below 1e-18 of being passed.
constexpr double kTailSd = 9;

// Poisson events add a compound sum to the line's log: each arrival adds c (the effect's share
// of the log) times w (for how long it acts). Its mean and variance are lambda E[c] E[w] and
// lambda E[c^2] E[w^2]; the bound is the mean plus kTailSd standard deviations. A scheduled
// event adds its largest effect once.
void add_event_drivers(const ScenarioSpec& spec, EventTarget level_target, double years,
                       Line& line) {
  for (std::size_t i = 0; i < spec.events.size(); ++i) {
    const EventSpec& event = spec.events[i];
    const bool level = event.target == level_target;
    const bool growth = event.target == EventTarget::growth && level_target == EventTarget::revenue;
    if (!level && !growth) continue;
    auto c = [level](double effect) {
      const double up = std::max(effect, 0.0);
      return level ? std::log1p(up) : up;
    };
    // A growth shift acts for its duration, or from its arrival (uniform in the window) to the
    // horizon: E[w] = Y / 2, E[w^2] = Y^2 / 3.
    const double fixed_w =
        level ? 1.0
              : std::min(event.duration_months > 0 ? event.duration_months / 12.0 : years, years);
    const bool permanent_growth = growth && event.duration_months == 0;
    const double mean_w = permanent_growth ? years / 2 : fixed_w;
    const double mean_w2 = permanent_growth ? years * years / 3 : fixed_w * fixed_w;
    const std::string key = fmt::format("events.{}.effect", i);
    if (event.date) {
      const double worst = c(highest(event.effect)) * fixed_w;
      if (worst > 0)
        line.drivers.push_back(
            {key, worst, fmt::format("one occurrence of up to {:g}", highest(event.effect))});
      continue;
    }
    const double lambda = event.rate_per_year.value_or(0) * years;
    const double mean = lambda * expectation(event.effect, c) * mean_w;
    const double sd = std::sqrt(
        lambda * expectation(event.effect, [&](double e) { return c(e) * c(e); }) * mean_w2);
    const double bound = mean + kTailSd * sd;
    if (bound > 0)
      line.drivers.push_back({key, bound,
                              fmt::format("{:g} occurrences expected, each of up to {:g}", lambda,
                                          highest(event.effect))});
  }
}

Line revenue_line(const ScenarioSpec& spec, double years) {
  const double volatility_years = kTailSd * std::sqrt(years);
  if (spec.revenue.model == RevenueModel::market && spec.market) {
    const MarketSpec& market = *spec.market;
    Line line{"revenue", std::log(highest(market.size)), {}};
    line.drivers.push_back({"market.growth", years * log_growth(market.growth),
                            fmt::format("market growth up to {:g} a year for {:g} years",
                                        highest(market.growth), years)});
    line.drivers.push_back({"market.volatility", market.volatility * volatility_years,
                            fmt::format("volatility {:g}", market.volatility)});
    add_event_drivers(spec, EventTarget::revenue, years, line);
    return line;
  }
  Line line{"revenue", std::log(spec.state.revenue.value_or(1)), {}};
  const Param& start = spec.revenue.growth;
  const Param& long_run = spec.revenue.long_run_growth.value_or(start);
  if (spec.revenue.half_life_years) {
    // ln(1 + g) decays from the start to the long run: the gap adds at most h / ln 2 years of it.
    const double gap = std::max(0.0, log_growth(start) - log_growth(long_run));
    const double gap_years = std::min(years, *spec.revenue.half_life_years / std::log(2.0));
    line.drivers.push_back({"revenue.long_run_growth", years * log_growth(long_run),
                            fmt::format("long-run growth up to {:g} a year for {:g} years",
                                        highest(long_run), years)});
    line.drivers.push_back({"revenue.growth", gap * gap_years,
                            fmt::format("growth up to {:g} a year", highest(start))});
  } else {
    line.drivers.push_back({"revenue.growth", years * log_growth(start),
                            fmt::format("growth up to {:g} a year for {:g} years, without a "
                                        "half-life",
                                        highest(start), years)});
  }
  line.drivers.push_back({"revenue.volatility", spec.revenue.volatility * volatility_years,
                          fmt::format("volatility {:g}", spec.revenue.volatility)});
  add_event_drivers(spec, EventTarget::revenue, years, line);
  return line;
}

Line cost_line(const ScenarioSpec& spec, const std::string& name, const Param& amount,
               const std::string& growth_key, const Param& growth,
               std::optional<EventTarget> target, double years) {
  Line line{name, std::log(std::max(highest(amount), 1e-300)), {}};
  line.drivers.push_back(
      {growth_key, years * log_growth(growth),
       fmt::format("growth up to {:g} a year for {:g} years", highest(growth), years)});
  if (target) add_event_drivers(spec, *target, years, line);
  return line;
}

void check_line(const ScenarioSpec& spec, const Line& line, std::vector<ScenarioError>& errors) {
  double log_total = line.log_start;
  for (const Driver& driver : line.drivers) log_total += driver.log_factor;
  if (log_total <= std::log(kAmountCeiling)) return;
  const Driver& main = *std::max_element(
      line.drivers.begin(), line.drivers.end(),
      [](const Driver& a, const Driver& b) { return a.log_factor < b.log_factor; });
  const std::string reach = log_total > 700 ? fmt::format("e^{:.0f}", log_total)
                                            : fmt::format("{:.2g}", std::exp(log_total));
  errors.emplace_back(
      spec.location_of(main.key), main.key,
      fmt::format("{} could reach {} {} a year by {} ({}), beyond the {:g} a run can sum "
                  "exactly; lower it, give a half-life or an end, or shorten the horizon",
                  line.name, reach, spec.company.money_unit, spec.simulation.horizon.label(),
                  main.why, kAmountCeiling));
}

std::vector<Line> lines_of(const ScenarioSpec& spec, double years) {
  const CostsSpec& costs = spec.costs;
  return {revenue_line(spec, years),
          cost_line(spec, "costs.rnd", costs.rnd, "costs.rnd_growth", costs.rnd_growth,
                    EventTarget::rnd, years),
          cost_line(spec, "costs.sga", costs.sga, "costs.sga_growth", costs.sga_growth,
                    EventTarget::sga, years),
          cost_line(spec, "costs.share_based_comp", costs.share_based_comp,
                    "costs.share_based_comp_growth", costs.share_based_comp_growth, std::nullopt,
                    years)};
}

double log_reach(const Line& line) {
  double total = line.log_start;
  for (const Driver& driver : line.drivers) total += driver.log_factor;
  return total;
}

}  // namespace

void check_finite_budget(const ScenarioSpec& spec, std::vector<ScenarioError>& errors) {
  const int months = spec.simulation.horizon.ordinal() - spec.simulation.start.ordinal() + 1;
  if (months < 1) return;
  for (const Line& line : lines_of(spec, months / 12.0)) check_line(spec, line, errors);
}

std::string largest_amount_driver(const ScenarioSpec& spec) {
  const int months = spec.simulation.horizon.ordinal() - spec.simulation.start.ordinal() + 1;
  const std::vector<Line> lines = lines_of(spec, std::max(months, 1) / 12.0);
  const Line& line =
      *std::max_element(lines.begin(), lines.end(),
                        [](const auto& a, const auto& b) { return log_reach(a) < log_reach(b); });
  const Driver& main = *std::max_element(
      line.drivers.begin(), line.drivers.end(),
      [](const Driver& a, const Driver& b) { return a.log_factor < b.log_factor; });
  return main.key;
}

}  // namespace breakeven::detail

namespace breakeven {

std::string largest_amount_driver(const ScenarioSpec& spec) {
  return detail::largest_amount_driver(spec);
}

}  // namespace breakeven
