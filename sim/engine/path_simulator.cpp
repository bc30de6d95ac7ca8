// SPDX-License-Identifier: MIT
#include "breakeven/engine/path_simulator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <boost/math/special_functions/erf.hpp>

#include "breakeven/math/random_stream.hpp"

namespace breakeven {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr int kNever = std::numeric_limits<int>::max();
constexpr double kInvSqrt12 = 0.28867513459481287;  // volatilities are annual; steps monthly

std::size_t at(int i) {
  return static_cast<std::size_t>(i);
}

double standard_normal_quantile(double u) {
  return -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * u);
}
double standard_normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

/// Months until the next arrival of a process that fires with probability 1 - exp(-rate/12) in
/// each month: a geometric number of misses. One uniform per arrival instead of one per month.
int months_to_next(double monthly_log_miss, RandomStream& stream) {
  if (monthly_log_miss == 0) return kNever;  // rate 0
  const double misses = std::floor(std::log(stream.uniform()) / monthly_log_miss);
  return misses >= kNever / 2 ? kNever / 2 : static_cast<int>(misses);
}

/// Loss carryforward first, then the rate on what is left. Returns the tax; updates the pool.
double tax_after_losses(double pretax, double rate, double& loss_pool) {
  if (pretax <= 0) {
    loss_pool -= pretax;
    return 0;
  }
  const double used = std::min(loss_pool, pretax);
  loss_pool -= used;
  return rate * (pretax - used);
}

/// Runtime state of every event of a path.
struct EventClock {
  int next_month = kNever;
  int occurrences = 0;
};

/// The active multiplicative factor (revenue, rnd, sga) or additive shift (growth, margin) of
/// one event target.
struct TargetEffect {
  double permanent;
  double current;
};

bool is_level_target(EventTarget target) {
  return target == EventTarget::revenue || target == EventTarget::rnd || target == EventTarget::sga;
}

double metric_of(Metric metric, double net_income, double sbc, double operating_income,
                 double operating_cash_flow, double free_cash_flow) {
  switch (metric) {
    case Metric::net_income:
      return net_income;
    case Metric::net_income_ex_sbc:
      return net_income + sbc;
    case Metric::operating_income:
      return operating_income;
    case Metric::operating_cash_flow:
      return operating_cash_flow;
    case Metric::free_cash_flow:
      return free_cash_flow;
  }
  return net_income;
}

}  // namespace

PathWorkspace::PathWorkspace(const Model& model)
    : draws(model.slots.size()),
      standalone_low_by_period(model.periods.size()),
      recent_metric(12) {}

void draw_parameters(const Model& model, std::uint64_t seed, std::uint64_t path,
                     std::vector<double>& draws) {
  const std::size_t n = model.slots.size();
  draws.resize(n);
  // Each slot's uniform is a function of (seed, path, its key) alone, constants included: making
  // one parameter uncertain, or adding one, moves no other draw (common random numbers).
  for (std::size_t i = 0; i < n; ++i)
    draws[i] = keyed_uniform(seed, path, model.slots[i].stream_key ^ model.company_key);
  if (!model.copula_slots.empty()) {
    const auto k = static_cast<Eigen::Index>(model.copula_slots.size());
    Eigen::VectorXd z(k);
    for (Eigen::Index i = 0; i < k; ++i)
      z(i) = standard_normal_quantile(draws[at(model.copula_slots[at(static_cast<int>(i))])]);
    const Eigen::VectorXd correlated = model.copula_factor * z;
    for (Eigen::Index i = 0; i < k; ++i) {
      // Keep the uniform strictly inside (0, 1) even when the normal is extreme.
      const double u = std::clamp(standard_normal_cdf(correlated(i)), 1e-300, 1.0 - 1e-16);
      draws[at(model.copula_slots[at(static_cast<int>(i))])] = u;
    }
  }
  for (std::size_t i = 0; i < n; ++i) draws[i] = model.slots[i].dist.quantile(draws[i]);
}

void simulate_path(const Model& model, std::uint64_t seed, std::uint64_t path, PathWorkspace& ws,
                   PathOutcome& out, std::vector<MonthRecord>* trace) {
  if (uses_sector_shocks(model) &&
      !ws.sector.covers(seed, path, first_calendar_month(model), last_calendar_month(model)))
    ws.sector.fill(seed, path, first_calendar_month(model), last_calendar_month(model));
  simulate_path(model, seed, path, ws.sector, ws, out, trace);
}

void simulate_path(const Model& model, std::uint64_t seed, std::uint64_t path,
                   const SectorShocks& sector_shocks, PathWorkspace& ws, PathOutcome& out,
                   std::vector<MonthRecord>* trace) {
  const ScenarioSpec& spec = model.spec;
  const ParamIndex& ix = model.index;
  const int months = model.months;
  draw_parameters(model, seed, path, ws.draws);
  const std::vector<double>& p = ws.draws;
  auto param = [&p](int slot) { return p[at(slot)]; };

  // The sector shocks are the same for every company of a joint batch, by calendar month; the
  // streams are the company's own.
  RandomStream company(seed, path, Substream::revenue, model.company_key);
  RandomStream margin_noise(seed, path, Substream::margin, model.company_key);
  RandomStream funding_stream(seed, path, Substream::funding, model.company_key);

  // --- Revenue process -------------------------------------------------------------------
  const bool market_model = spec.revenue.model == RevenueModel::market;
  double log_level = 0, log_growth_start = 0, log_growth_long = 0;  // growth model
  double log_market = 0, log_share = 0, market_drift = 0, share_cap = 1, share_speed = 0;
  double sector_vol = 0, company_vol = 0;  // monthly sd of the sector and company shocks
  double initial_annual_revenue = model.initial_annual_revenue;
  // --- Chip milestones and order book (milestones.cpp, order_book.cpp) ---------------------
  const bool has_milestones = !model.milestones.empty();
  if (has_milestones) ws.milestones.start(model, seed, path, p);
  const CompiledOrders* orders = model.orders ? &*model.orders : nullptr;
  if (orders) {
    ws.orders.start(*orders, seed, path, model.company_key, p);
    sector_vol = orders->sector_vol;
    company_vol = orders->company_vol;
    if (!spec.state.revenue) initial_annual_revenue = ws.orders.initial_annual_revenue();
  } else if (market_model) {
    const MarketSpec& market = *spec.market;
    log_market = std::log(param(ix.market_size));
    log_share = std::log(param(ix.share));
    market_drift = std::log1p(param(ix.market_growth)) / 12.0;
    share_cap = param(ix.share_cap);
    share_speed = param(ix.share_speed) / 12.0;
    sector_vol = market.volatility * kInvSqrt12;
    company_vol = market.share_volatility * kInvSqrt12;
    initial_annual_revenue = param(ix.share) * param(ix.market_size);
  } else {
    log_level = std::log(*spec.state.revenue / 12.0);
    log_growth_start = std::log1p(param(ix.growth));
    log_growth_long = std::log1p(param(ix.long_run_growth));
    const double beta = spec.revenue.sector_loading;
    sector_vol = spec.revenue.volatility * kInvSqrt12 * beta;
    company_vol = spec.revenue.volatility * kInvSqrt12 * std::sqrt(1.0 - beta * beta);
  }

  const double* sector = sector_vol > 0 ? sector_shocks.from(first_calendar_month(model)) : nullptr;

  // --- Margin and costs: monthly amounts and monthly growth factors ------------------------
  const double gross_start = param(ix.gross), gross_long = param(ix.gross_long_run);
  const double margin_sd = spec.margin.noise;
  double rnd = param(ix.rnd) / 12.0, sga = param(ix.sga) / 12.0, sbc = param(ix.sbc) / 12.0;
  const double rnd_step = std::pow(1.0 + param(ix.rnd_growth), 1.0 / 12.0);
  const double sga_step = std::pow(1.0 + param(ix.sga_growth), 1.0 / 12.0);
  const double sbc_step = std::pow(1.0 + param(ix.sbc_growth), 1.0 / 12.0);
  const double rnd_floor = spec.costs.rnd_revenue_floor.value_or(0.0);
  const double sga_variable = param(ix.sga_variable);
  const double depreciation = param(ix.depreciation) / 12.0;
  const double subsidies = param(ix.subsidies) / 12.0;
  const double interest_rate = param(ix.interest_rate) / 12.0;
  const double capex = param(ix.capex) / 12.0;
  const double wc_ratio = param(ix.working_capital_ratio) * 12.0;  // per unit of monthly revenue
  const double tax_rate = spec.tax.rate;
  const double minimum_cash = spec.cash.minimum;

  // --- Events --------------------------------------------------------------------------
  const std::size_t event_count = model.events.size();
  std::array<EventClock, 64> clocks_small{};
  std::vector<EventClock> clocks_large;
  EventClock* clocks = clocks_small.data();
  if (event_count > clocks_small.size()) {
    clocks_large.resize(event_count);
    clocks = clocks_large.data();
  }
  // Every event draws from its own stream, so adding an event or changing one's rate leaves the
  // others' arrivals and effects where they were.
  ws.event_streams.clear();
  for (const CompiledEvent& event : model.events)
    ws.event_streams.emplace_back(seed, path, Substream::events,
                                  event.stream_key ^ model.company_key);
  for (std::size_t e = 0; e < event_count; ++e) {
    const CompiledEvent& event = model.events[e];
    RandomStream& event_stream = ws.event_streams[e];
    if (event.scheduled) {
      const bool happens = event_stream.uniform() < event.probability;
      clocks[e].next_month = happens ? event.first_month : kNever;
    } else {
      const int wait = months_to_next(std::log1p(-event.probability), event_stream);
      clocks[e].next_month = wait >= kNever / 2 ? kNever : event.first_month + wait;
      if (clocks[e].next_month > event.last_month) clocks[e].next_month = kNever;
    }
  }
  std::array<TargetEffect, 5> effects{};
  for (int t = 0; t < 5; ++t) {
    const double neutral = is_level_target(static_cast<EventTarget>(t)) ? 1.0 : 0.0;
    effects[at(t)] = {neutral, neutral};
    ws.temporary[t].clear();
  }

  // --- Funding ---------------------------------------------------------------------------
  // Whether each scheduled round happens is decided up front, once per path.
  std::array<double, 32> round_landing_small{};
  std::vector<double> round_landing_large;
  double* round_landing = round_landing_small.data();
  if (model.rounds.size() > round_landing_small.size()) {
    round_landing_large.resize(model.rounds.size());
    round_landing = round_landing_large.data();
  }
  for (std::size_t r = 0; r < model.rounds.size(); ++r) {
    const double u = keyed_uniform(seed, path, model.rounds[r].stream_key ^ model.company_key);
    round_landing[r] = u < model.rounds[r].probability ? param(ix.round_amount[r]) : 0.0;
  }
  // Rounds are visited in date order through a cursor, so a month without one costs a compare.
  std::size_t next_round = 0;
  auto round_month = [&](std::size_t k) {
    return k < model.round_order.size() ? model.rounds[at(model.round_order[k])].month : kNever;
  };
  int next_round_month = round_month(0);
  const CompiledPolicy* policy = model.policy ? &*model.policy : nullptr;
  int raises_started = 0, raise_resolves = kNever, blocked_until = 0;
  double raise_amount = 0;
  double burn[3] = {0, 0, 0};
  int burn_count = 0, burn_slot = 0;

  // --- Tracks and outcome ----------------------------------------------------------------
  double cash = spec.state.cash, standalone_cash = spec.state.cash;
  double loss_pool = spec.tax.loss_carryforward, standalone_loss_pool = loss_pool;
  double previous_wc = wc_ratio / 12.0 * initial_annual_revenue;
  double standalone_low = kInfinity;
  bool alive = true;

  out.breakeven_period = -1;
  out.cashout_month = -1;
  out.runway_months = months;
  out.funding_need = 0;
  for (YearRecord& year : out.years) year = YearRecord{};

  const PeriodKind period_kind = spec.breakeven.period;
  const Metric metric_kind = spec.breakeven.metric;
  const int sustained = spec.breakeven.sustained;
  const bool ttm = period_kind == PeriodKind::ttm;
  const double ttm_before_start = spec.state.ttm.value_or(0.0) / 12.0;
  const bool ytd_in_first_year =
      metric_kind == Metric::net_income && period_kind == PeriodKind::year;
  if (ytd_in_first_year && !out.years.empty()) out.years[0].net_income = spec.state.ytd;
  // Periods and fiscal years are contiguous runs of months, so each keeps a running sum and the
  // month it closes in, rather than a table lookup per month.
  const int period_count = static_cast<int>(model.periods.size());
  int next_period = 0;  // the next period to judge, in time order
  int period_end = model.periods[0].last_month;
  double period_sum = ttm ? 0.0 : spec.state.ytd;  // the open period already holds the ytd
  std::size_t year_index = 0;
  int year_end = out.years.empty() ? kNever : model.fiscal_years[0].last_month;
  int ttm_slot = 0;
  int run_length = 0, run_start = -1;
  // The trailing window starts full of the months before the start, state.ttm / 12 each.
  double ttm_sum = spec.state.ttm.value_or(0.0);

  // Effects change only when an event arrives or a temporary one expires; in every other month
  // the previous month's factors stand, which keeps quiet months cheap.
  int next_arrival = kNever;
  for (std::size_t e = 0; e < event_count; ++e)
    next_arrival = std::min(next_arrival, clocks[e].next_month);
  int next_expiry = kNever;

  for (int m = 0; m < months; ++m) {
    if (m == next_arrival || m == next_expiry) {
      // Events that arrive this month act from this month on.
      if (m == next_arrival) {
        next_arrival = kNever;
        for (std::size_t e = 0; e < event_count; ++e) {
          EventClock& clock = clocks[e];
          if (clock.next_month == m) {
            const CompiledEvent& event = model.events[e];
            RandomStream& event_stream = ws.event_streams[e];
            const double effect =
                event.target == EventTarget::milestones ? 0.0 : event.effect.sample(event_stream);
            const int t = static_cast<int>(event.target);
            if (event.target == EventTarget::milestones) {  // milestones: a delay, no effect
              if (has_milestones) ws.milestones.delay_pending(m, event.duration_months);
            } else if (event.duration_months == 0) {
              if (is_level_target(event.target))
                effects[at(t)].permanent *= 1.0 + effect;
              else
                effects[at(t)].permanent += effect;
            } else {
              ws.temporary[t].push_back({m + event.duration_months, effect});
            }
            ++clock.occurrences;
            if (event.scheduled || clock.occurrences >= event.max_occurrences) {
              clock.next_month = kNever;
            } else {
              const int wait = months_to_next(std::log1p(-event.probability), event_stream);
              clock.next_month = wait >= kNever / 2 ? kNever : m + 1 + wait;
            }
            if (clock.next_month > event.last_month) clock.next_month = kNever;
          }
          next_arrival = std::min(next_arrival, clock.next_month);
        }
      }
      next_expiry = kNever;
      for (int t = 0; t < 5; ++t) {
        auto& temporary = ws.temporary[t];
        TargetEffect& effect = effects[at(t)];
        effect.current = effect.permanent;
        if (temporary.empty()) continue;
        std::erase_if(temporary,
                      [m](const PathWorkspace::ActiveEffect& a) { return a.until_month <= m; });
        const bool level = is_level_target(static_cast<EventTarget>(t));
        for (const auto& active : temporary) {
          effect.current =
              level ? effect.current * (1.0 + active.effect) : effect.current + active.effect;
          next_expiry = std::min(next_expiry, active.until_month);
        }
      }
    }
    double revenue_factor = effects[at(static_cast<int>(EventTarget::revenue))].current;
    double growth_shift = effects[at(static_cast<int>(EventTarget::growth))].current;
    double margin_shift = effects[at(static_cast<int>(EventTarget::gross_margin))].current;
    double respin_cost = 0;  // milestones: attempts due this month, then the successes' effects
    if (has_milestones) {
      respin_cost = ws.milestones.step(model, m);
      ws.milestones.apply(model, m, revenue_factor, growth_shift, margin_shift);
    }
    const double rnd_factor = effects[at(static_cast<int>(EventTarget::rnd))].current;
    const double sga_factor = effects[at(static_cast<int>(EventTarget::sga))].current;

    // Revenue this month, then the step to next month's level.
    const double season = model.seasonality[at(m)];
    double revenue;
    if (orders) {  // order book: backlog and contracts delivering this month
      revenue = ws.orders.step(*orders, m, growth_shift, sector_vol > 0 ? sector[m] : 0.0,
                               company_vol > 0 ? company.normal() : 0.0) *
                revenue_factor * season;
    } else if (market_model) {
      // A share above the whole market is not a share: revenue stops at the market's size.
      const double share = std::min(std::exp(log_share), 1.0);
      revenue = share * std::exp(log_market) / 12.0 * revenue_factor * season;
      log_market += market_drift + (sector_vol > 0 ? sector_vol * sector[m] : 0.0);
      log_share += share_speed * (1.0 - share / share_cap) + growth_shift / 12.0 +
                   (company_vol > 0 ? company_vol * company.normal() : 0.0);
    } else {
      revenue = std::exp(log_level) * revenue_factor * season;
      const double log_growth = log_growth_long +
                                (log_growth_start - log_growth_long) * model.growth_decay[at(m)] +
                                growth_shift;
      log_level += log_growth / 12.0 + (sector_vol > 0 ? sector_vol * sector[m] : 0.0) +
                   (company_vol > 0 ? company_vol * company.normal() : 0.0);
    }

    double gross_margin = gross_long + (gross_start - gross_long) * model.margin_decay[at(m)] +
                          margin_shift + (margin_sd > 0 ? margin_sd * margin_noise.normal() : 0.0);
    gross_margin = std::clamp(gross_margin, -1.0, 0.99);

    // A failed tape-out's re-spin is R&D spent on top of the plan.
    const double rnd_m = std::max(rnd * rnd_factor, rnd_floor * revenue) + respin_cost;
    const double sga_m = sga * sga_factor + sga_variable * revenue;
    const double operating_income = revenue * gross_margin - rnd_m - sga_m - sbc - depreciation;
    const double wc = wc_ratio * revenue;
    const double wc_change = wc - previous_wc;
    previous_wc = wc;
    const double non_cash = sbc + depreciation;

    // Scheduled rounds land on both tracks; contingent raises only on the main one.
    double scheduled_in = 0;
    while (next_round_month == m) {
      scheduled_in += round_landing[at(model.round_order[next_round])];
      next_round_month = round_month(++next_round);
    }
    double raised_in = 0;
    if (raise_resolves == m) {
      raise_resolves = kNever;
      if (funding_stream.uniform() < policy->success_probability)
        raised_in = raise_amount;
      else
        blocked_until = m + policy->retry_months;
    }

    // Standalone track: same operations, no contingent raises, runs on below the minimum.
    {
      const double interest = std::max(standalone_cash, 0.0) * interest_rate;
      const double pretax = operating_income + subsidies + interest;
      const double net_income = pretax - tax_after_losses(pretax, tax_rate, standalone_loss_pool);
      standalone_cash += net_income + non_cash - wc_change - capex + scheduled_in;
      standalone_low = std::min(standalone_low, standalone_cash);
      if (out.runway_months == months && standalone_cash < minimum_cash) out.runway_months = m;
    }

    // Main track.
    double interest = 0, tax = 0, net_income = 0, free_cash_flow = 0, metric = 0;
    if (alive) {
      interest = std::max(cash, 0.0) * interest_rate;
      const double pretax = operating_income + subsidies + interest;
      tax = tax_after_losses(pretax, tax_rate, loss_pool);
      net_income = pretax - tax;
      const double operating_cash_flow = net_income + non_cash - wc_change;
      free_cash_flow = operating_cash_flow - capex;
      cash += free_cash_flow + scheduled_in + raised_in;
      metric = metric_of(metric_kind, net_income, sbc, operating_income, operating_cash_flow,
                         free_cash_flow);
      YearRecord& year = out.years[year_index];
      year.revenue += revenue;
      year.net_income += net_income;
      if (m == year_end) {
        year.closing_cash = cash;
        year.alive = cash >= minimum_cash;
        ++year_index;
        year_end =
            year_index < out.years.size() ? model.fiscal_years[year_index].last_month : kNever;
      }
      if (cash < minimum_cash) {
        alive = false;
        out.cashout_month = m;
      } else if (policy) {
        // Runway on the mean burn b of the last three months (fewer at the start). With cash
        // at or above the minimum (>= 0), runway = cash / b < trigger is cash * n < trigger * sum
        // for b = sum / n: no division in the common month, and b = 0 (infinite runway) is false.
        burn[burn_slot] = std::max(0.0, -free_cash_flow);
        burn_slot = burn_slot == 2 ? 0 : burn_slot + 1;
        if (burn_count < 3) ++burn_count;
        const double burn_sum = burn[0] + burn[1] + burn[2];
        if (raise_resolves == kNever && m >= blocked_until && m >= policy->not_before_month &&
            raises_started < policy->max_raises &&
            cash * burn_count < policy->trigger_runway_months * burn_sum) {
          ++raises_started;
          raise_resolves = m + policy->lag_months;
          raise_amount = policy->size_months ? *policy->size_months * (burn_sum / burn_count)
                                             : param(ix.policy_amount);
        }
      }
    }

    // Break-even: sum the metric per period and judge each period as it closes.
    if (out.breakeven_period < 0) {
      if (ttm) {
        const double oldest = m >= 12 ? ws.recent_metric[at(ttm_slot)] : ttm_before_start;
        ttm_sum += metric - oldest;
        ws.recent_metric[at(ttm_slot)] = metric;
        ttm_slot = ttm_slot == 11 ? 0 : ttm_slot + 1;
        period_sum = ttm_sum;
      } else {
        period_sum += metric;
      }
      if (m == period_end) {
        const double sum = period_sum;
        if (!ttm) period_sum = 0;
        ws.standalone_low_by_period[at(next_period)] = standalone_low;
        // A period holding the cash-out month, or after it, is not profitable.
        const bool profitable = alive && sum > 0;
        if (profitable) {
          if (run_length == 0) run_start = next_period;
          if (++run_length == sustained) out.breakeven_period = run_start;
        } else {
          run_length = 0;
        }
        ++next_period;
        period_end =
            next_period < period_count ? model.periods[at(next_period)].last_month : kNever;
      }
    }

    if (trace) {
      trace->push_back({m, revenue, gross_margin, rnd_m, sga_m, sbc, depreciation, operating_income,
                        subsidies, interest, tax, net_income, wc_change, capex, free_cash_flow,
                        scheduled_in + raised_in, cash, standalone_cash, metric});
    }
    // a_m = (1 + g)^(m / 12), one monthly step at a time.
    rnd *= rnd_step;
    sga *= sga_step;
    sbc *= sbc_step;
  }

  const double low = out.breakeven_period >= 0
                         ? ws.standalone_low_by_period[at(out.breakeven_period)]
                         : standalone_low;
  out.funding_need = std::max(0.0, minimum_cash - low);
  if (has_milestones) out.milestone_success_month = ws.milestones.success_months();
}

}  // namespace breakeven
