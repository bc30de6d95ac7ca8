// SPDX-License-Identifier: MIT
#include "breakeven/engine/path_simulator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <boost/math/special_functions/erf.hpp>

#include "breakeven/math/counter_normals.hpp"
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

/// The normals of months 0 .. months - 1 of the path's counter stream for `substream`, drawn in one
/// block (in SIMD lanes where the processor has them): normal m is month m's shock.
const double* draw_month_normals(const Model& model, std::uint64_t seed, std::uint64_t path,
                                 Substream substream, std::vector<double>& into) {
  into.resize(at(model.months));
  CounterNormals(seed, path, substream, model.company_key).fill(0, into.data(), into.size());
  return into.data();
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
      recent_metric(12),
      event_occurrences(model.events.size()),
      round_landed(model.rounds.size()) {}

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

// ---------------------------------------------------------------------------------------------
// The stages of one path, in the order a month runs through them:
//   draw parameters (draw_parameters, then each stage's start)
//   → apply events (EventStage)          → step revenue (RevenueStage)
//   → costs and income (CostStage)       → cash and funding (FundingStage, CashStage)
//   → judge periods (PeriodJudge)        → record (YearRecord, MonthRecord)
// Each stage owns the state it carries from month to month; simulate_path only sequences them.
// ---------------------------------------------------------------------------------------------
namespace {

/// The path's drawn (P) parameters, looked up by the model's ParamIndex.
struct Params {
  const std::vector<double>& draws;
  double operator()(int slot) const { return draws[at(slot)]; }
};

/// Apply events: arrivals, their effects, and the expiry of temporary ones. Effects change only
/// when an event arrives or a temporary one expires; in every other month the previous month's
/// factors stand, which keeps quiet months cheap.
/// What events and milestones do to one month: level factors and additive shifts.
struct MonthEffects {
  double revenue = 1, growth = 0, gross_margin = 0, rnd = 1, sga = 1;
};

class EventStage {
 public:
  void start(const Model& model, PathWorkspace& ws, std::uint64_t seed, std::uint64_t path);
  void apply(const Model& model, PathWorkspace& ws, int m) {
    if (m != next_arrival_ && m != next_expiry_) return;
    if (m == next_arrival_) arrive(model, ws, m);
    recompute(ws, m);
  }
  double current(EventTarget target) const {
    return effects_[at(static_cast<int>(target))].current;
  }
  MonthEffects month_effects() const {
    return {current(EventTarget::revenue), current(EventTarget::growth),
            current(EventTarget::gross_margin), current(EventTarget::rnd),
            current(EventTarget::sga)};
  }
  /// How often each event occurred within the horizon, for per-path analyses.
  void record_occurrences(PathWorkspace& ws) const {
    for (std::size_t e = 0; e < count_; ++e) ws.event_occurrences[e] = clocks_[e].occurrences;
  }

 private:
  void arrive(const Model& model, PathWorkspace& ws, int m);
  void recompute(PathWorkspace& ws, int m);

  std::array<EventClock, 64> clocks_small_{};
  std::vector<EventClock> clocks_large_;
  EventClock* clocks_ = nullptr;
  std::size_t count_ = 0;
  std::array<TargetEffect, 5> effects_{};
  int next_arrival_ = kNever, next_expiry_ = kNever;
};

void EventStage::start(const Model& model, PathWorkspace& ws, std::uint64_t seed,
                       std::uint64_t path) {
  count_ = model.events.size();
  clocks_ = clocks_small_.data();
  if (count_ > clocks_small_.size()) {
    clocks_large_.resize(count_);
    clocks_ = clocks_large_.data();
  }
  // Every event draws from its own stream, so adding an event or changing one's rate leaves the
  // others' arrivals and effects where they were.
  ws.event_streams.clear();
  for (const CompiledEvent& event : model.events)
    ws.event_streams.emplace_back(seed, path, Substream::events,
                                  event.stream_key ^ model.company_key);
  for (std::size_t e = 0; e < count_; ++e) {
    const CompiledEvent& event = model.events[e];
    RandomStream& event_stream = ws.event_streams[e];
    if (event.scheduled) {
      const bool happens = event_stream.uniform() < event.probability;
      clocks_[e].next_month = happens ? event.first_month : kNever;
    } else {
      const int wait = months_to_next(std::log1p(-event.probability), event_stream);
      clocks_[e].next_month = wait >= kNever / 2 ? kNever : event.first_month + wait;
      if (clocks_[e].next_month > event.last_month) clocks_[e].next_month = kNever;
    }
  }
  for (int t = 0; t < 5; ++t) {
    const double neutral = is_level_target(static_cast<EventTarget>(t)) ? 1.0 : 0.0;
    effects_[at(t)] = {neutral, neutral};
    ws.temporary[t].clear();
  }
  for (std::size_t e = 0; e < count_; ++e)
    next_arrival_ = std::min(next_arrival_, clocks_[e].next_month);
}

// Events that arrive this month act from this month on.
void EventStage::arrive(const Model& model, PathWorkspace& ws, int m) {
  next_arrival_ = kNever;
  for (std::size_t e = 0; e < count_; ++e) {
    EventClock& clock = clocks_[e];
    if (clock.next_month == m) {
      const CompiledEvent& event = model.events[e];
      RandomStream& event_stream = ws.event_streams[e];
      const bool delays_milestones = event.target == EventTarget::milestones;
      const double effect = delays_milestones ? 0.0 : event.effect.sample(event_stream);
      const int t = static_cast<int>(event.target);
      if (delays_milestones) {  // a delay of every pending milestone, no effect of its own
        if (!model.milestones.empty()) ws.milestones.delay_pending(m, event.duration_months);
      } else if (event.duration_months == 0) {
        if (is_level_target(event.target))
          effects_[at(t)].permanent *= 1.0 + effect;
        else
          effects_[at(t)].permanent += effect;
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
    next_arrival_ = std::min(next_arrival_, clock.next_month);
  }
}

void EventStage::recompute(PathWorkspace& ws, int m) {
  next_expiry_ = kNever;
  for (int t = 0; t < 5; ++t) {
    auto& temporary = ws.temporary[t];
    TargetEffect& effect = effects_[at(t)];
    effect.current = effect.permanent;
    if (temporary.empty()) continue;
    std::erase_if(temporary,
                  [m](const PathWorkspace::ActiveEffect& a) { return a.until_month <= m; });
    const bool level = is_level_target(static_cast<EventTarget>(t));
    for (const auto& active : temporary) {
      effect.current =
          level ? effect.current * (1.0 + active.effect) : effect.current + active.effect;
      next_expiry_ = std::min(next_expiry_, active.until_month);
    }
  }
}

/// Step revenue: this month's revenue from the current level, then the step to next month's.
/// The sector shocks are the same for every company of a joint batch, by calendar month; the
/// company stream is the company's own.
class RevenueStage {
 public:
  RevenueStage(const Model& model, Params param, const SectorShocks& shocks, std::uint64_t seed,
               std::uint64_t path, PathWorkspace& ws);
  double initial_annual_revenue() const { return initial_annual_revenue_; }
  double step(const Model& model, int m, const MonthEffects& fx);

 private:
  bool market_model_;
  const CompiledOrders* orders_;  // revenue model "orders": the book in the workspace
  OrderBook* book_;
  double log_level_ = 0, log_growth_start_ = 0, log_growth_long_ = 0;  // growth model
  double log_market_ = 0, log_share_ = 0, market_drift_ = 0, share_cap_ = 1, share_speed_ = 0;
  double sector_vol_ = 0, company_vol_ = 0;  // monthly sd of the sector and company shocks
  double initial_annual_revenue_;
  const double* sector_ = nullptr;   // the shocks from the scenario's first month on
  const double* company_ = nullptr;  // the company's shocks of every month, drawn in one block
};

RevenueStage::RevenueStage(const Model& model, Params param, const SectorShocks& shocks,
                           std::uint64_t seed, std::uint64_t path, PathWorkspace& ws)
    : market_model_(model.spec.revenue.model == RevenueModel::market),
      orders_(model.orders ? &*model.orders : nullptr),
      book_(&ws.orders),
      initial_annual_revenue_(model.initial_annual_revenue) {
  const ScenarioSpec& spec = model.spec;
  const ParamIndex& ix = model.index;
  if (orders_ != nullptr) {
    book_->start(*orders_, seed, path, model.company_key, ws.draws);
    sector_vol_ = orders_->sector_vol;
    company_vol_ = orders_->company_vol;
    if (!spec.state.revenue) initial_annual_revenue_ = book_->initial_annual_revenue();
  } else if (market_model_) {
    const MarketSpec& market = *spec.market;
    log_market_ = std::log(param(ix.market_size));
    log_share_ = std::log(param(ix.share));
    market_drift_ = std::log1p(param(ix.market_growth)) / 12.0;
    share_cap_ = param(ix.share_cap);
    share_speed_ = param(ix.share_speed) / 12.0;
    sector_vol_ = market.volatility * kInvSqrt12;
    company_vol_ = market.share_volatility * kInvSqrt12;
    initial_annual_revenue_ = param(ix.share) * param(ix.market_size);
  } else {
    log_level_ = std::log(*spec.state.revenue / 12.0);
    log_growth_start_ = std::log1p(param(ix.growth));
    log_growth_long_ = std::log1p(param(ix.long_run_growth));
    const double beta = spec.revenue.sector_loading;
    sector_vol_ = spec.revenue.volatility * kInvSqrt12 * beta;
    company_vol_ = spec.revenue.volatility * kInvSqrt12 * std::sqrt(1.0 - beta * beta);
  }
  if (sector_vol_ > 0) sector_ = shocks.from(first_calendar_month(model));
  if (company_vol_ > 0)
    company_ = draw_month_normals(model, seed, path, Substream::revenue, ws.company_normals);
}

double RevenueStage::step(const Model& model, int m, const MonthEffects& fx) {
  const double revenue_factor = fx.revenue;
  const double growth_shift = fx.growth;
  const double season = model.seasonality[at(m)];
  double revenue;
  if (orders_ != nullptr) {  // the backlog and the contracts delivering this month
    revenue = book_->step(*orders_, m, growth_shift, sector_vol_ > 0 ? sector_[m] : 0.0,
                          company_vol_ > 0 ? company_[m] : 0.0) *
              revenue_factor * season;
  } else if (market_model_) {
    // A share above the whole market is not a share: revenue stops at the market's size.
    const double share = std::min(std::exp(log_share_), 1.0);
    revenue = share * std::exp(log_market_) / 12.0 * revenue_factor * season;
    log_market_ += market_drift_ + (sector_vol_ > 0 ? sector_vol_ * sector_[m] : 0.0);
    log_share_ += share_speed_ * (1.0 - share / share_cap_) + growth_shift / 12.0 +
                  (company_vol_ > 0 ? company_vol_ * company_[m] : 0.0);
  } else {
    revenue = std::exp(log_level_) * revenue_factor * season;
    const double log_growth = log_growth_long_ +
                              (log_growth_start_ - log_growth_long_) * model.growth_decay[at(m)] +
                              growth_shift;
    log_level_ += log_growth / 12.0 + (sector_vol_ > 0 ? sector_vol_ * sector_[m] : 0.0) +
                  (company_vol_ > 0 ? company_vol_ * company_[m] : 0.0);
  }
  return revenue;
}

/// What one month's operations come to before interest, tax and funding.
struct Operations {
  double gross_margin, rnd, sga, operating_income, wc_change, non_cash;
};

/// Costs and income: margin, cost lines with their own growth, working capital, and the tax
/// rule shared by both cash tracks.
class CostStage {
 public:
  CostStage(const Model& model, Params param, double initial_annual_revenue, std::uint64_t seed,
            std::uint64_t path, PathWorkspace& ws);
  /// `respin_cost`: failed tape-outs this month, R&D spent on top of the plan.
  Operations month(const Model& model, int m, double revenue, const MonthEffects& fx,
                   double respin_cost);
  /// a_m = (1 + g)^(m / 12), one monthly step at a time.
  void advance() {
    rnd_ *= rnd_step_;
    sga_ *= sga_step_;
    sbc_ *= sbc_step_;
  }
  double sbc() const { return sbc_; }

  double depreciation, subsidies, interest_rate, capex, tax_rate;

 private:
  double gross_start_, gross_long_, margin_sd_;
  double rnd_, sga_, sbc_, rnd_step_, sga_step_, sbc_step_, rnd_floor_, sga_variable_;
  double wc_ratio_, previous_wc_;
  const double* margin_noise_ = nullptr;  // every month's normal, drawn in one block
};

CostStage::CostStage(const Model& model, Params param, double initial_annual_revenue,
                     std::uint64_t seed, std::uint64_t path, PathWorkspace& ws) {
  const ScenarioSpec& spec = model.spec;
  const ParamIndex& ix = model.index;
  gross_start_ = param(ix.gross);
  gross_long_ = param(ix.gross_long_run);
  margin_sd_ = spec.margin.noise;
  if (margin_sd_ > 0)
    margin_noise_ = draw_month_normals(model, seed, path, Substream::margin, ws.margin_normals);
  rnd_ = param(ix.rnd) / 12.0;
  sga_ = param(ix.sga) / 12.0;
  sbc_ = param(ix.sbc) / 12.0;
  rnd_step_ = std::pow(1.0 + param(ix.rnd_growth), 1.0 / 12.0);
  sga_step_ = std::pow(1.0 + param(ix.sga_growth), 1.0 / 12.0);
  sbc_step_ = std::pow(1.0 + param(ix.sbc_growth), 1.0 / 12.0);
  rnd_floor_ = spec.costs.rnd_revenue_floor.value_or(0.0);
  sga_variable_ = param(ix.sga_variable);
  depreciation = param(ix.depreciation) / 12.0;
  subsidies = param(ix.subsidies) / 12.0;
  interest_rate = param(ix.interest_rate) / 12.0;
  capex = param(ix.capex) / 12.0;
  wc_ratio_ = param(ix.working_capital_ratio) * 12.0;  // per unit of monthly revenue
  tax_rate = spec.tax.rate;
  previous_wc_ = wc_ratio_ / 12.0 * initial_annual_revenue;
}

Operations CostStage::month(const Model& model, int m, double revenue, const MonthEffects& fx,
                            double respin_cost) {
  Operations ops{};
  ops.gross_margin = gross_long_ + (gross_start_ - gross_long_) * model.margin_decay[at(m)] +
                     fx.gross_margin + (margin_sd_ > 0 ? margin_sd_ * margin_noise_[m] : 0.0);
  ops.gross_margin = std::clamp(ops.gross_margin, -1.0, 0.99);
  ops.rnd = std::max(rnd_ * fx.rnd, rnd_floor_ * revenue) + respin_cost;
  ops.sga = sga_ * fx.sga + sga_variable_ * revenue;
  ops.operating_income = revenue * ops.gross_margin - ops.rnd - ops.sga - sbc_ - depreciation;
  const double wc = wc_ratio_ * revenue;
  ops.wc_change = wc - previous_wc_;
  previous_wc_ = wc;
  ops.non_cash = sbc_ + depreciation;
  return ops;
}

/// Cash and funding, part one: scheduled rounds (decided once per path, landing on both tracks)
/// and contingent raises (main track only).
class FundingStage {
 public:
  /// Decides the path's scheduled rounds, and records which land in `ws.round_landed`.
  FundingStage(const Model& model, Params param, std::uint64_t seed, std::uint64_t path,
               PathWorkspace& ws);
  /// Scheduled rounds landing in month m.
  double scheduled(const Model& model, int m);
  /// A raise resolving in month m: its amount when it succeeds, else 0 (and a retry block).
  double resolved_raise(int m);
  /// Whether the last resolved_raise() landed money (for per-path analyses).
  bool raise_landed() const { return raise_landed_; }
  /// After the main track's month: start a raise when runway runs short (SPEC's policy).
  void consider_raise(Params param, const Model& model, int m, double cash, double free_cash_flow);

 private:
  int round_month(const Model& model, std::size_t k) const {
    return k < model.round_order.size() ? model.rounds[at(model.round_order[k])].month : kNever;
  }

  std::array<double, 32> round_landing_small_{};
  std::vector<double> round_landing_large_;
  double* round_landing_ = nullptr;
  std::size_t next_round_ = 0;  // rounds are visited in date order through a cursor
  int next_round_month_ = kNever;
  const CompiledPolicy* policy_;
  int raises_started_ = 0, raise_resolves_ = kNever, blocked_until_ = 0;
  double raise_amount_ = 0;
  bool raise_landed_ = false;
  double burn_[3] = {0, 0, 0};
  int burn_count_ = 0, burn_slot_ = 0;
  RandomStream stream_;
};

FundingStage::FundingStage(const Model& model, Params param, std::uint64_t seed, std::uint64_t path,
                           PathWorkspace& ws)
    : policy_(model.policy ? &*model.policy : nullptr),
      stream_(seed, path, Substream::funding, model.company_key) {
  round_landing_ = round_landing_small_.data();
  if (model.rounds.size() > round_landing_small_.size()) {
    round_landing_large_.resize(model.rounds.size());
    round_landing_ = round_landing_large_.data();
  }
  for (std::size_t r = 0; r < model.rounds.size(); ++r) {
    const double u = keyed_uniform(seed, path, model.rounds[r].stream_key ^ model.company_key);
    const bool lands = u < model.rounds[r].probability;
    ws.round_landed[r] = lands ? 1 : 0;
    round_landing_[r] = lands ? param(model.index.round_amount[r]) : 0.0;
  }
  next_round_month_ = round_month(model, 0);
}

double FundingStage::scheduled(const Model& model, int m) {
  double landed = 0;
  while (next_round_month_ == m) {
    landed += round_landing_[at(model.round_order[next_round_])];
    next_round_month_ = round_month(model, ++next_round_);
  }
  return landed;
}

double FundingStage::resolved_raise(int m) {
  raise_landed_ = false;
  if (raise_resolves_ != m) return 0;
  raise_resolves_ = kNever;
  raise_landed_ = stream_.uniform() < policy_->success_probability;
  if (raise_landed_) return raise_amount_;
  blocked_until_ = m + policy_->retry_months;
  return 0;
}

void FundingStage::consider_raise(Params param, const Model& model, int m, double cash,
                                  double free_cash_flow) {
  if (policy_ == nullptr) return;
  // Runway on the mean burn b of the last three months (fewer at the start). With cash at or
  // above the minimum (>= 0), runway = cash / b < trigger is cash * n < trigger * sum for
  // b = sum / n: no division in the common month, and b = 0 (infinite runway) is false.
  burn_[burn_slot_] = std::max(0.0, -free_cash_flow);
  burn_slot_ = burn_slot_ == 2 ? 0 : burn_slot_ + 1;
  if (burn_count_ < 3) ++burn_count_;
  const double burn_sum = burn_[0] + burn_[1] + burn_[2];
  if (raise_resolves_ == kNever && m >= blocked_until_ && m >= policy_->not_before_month &&
      raises_started_ < policy_->max_raises &&
      cash * burn_count_ < policy_->trigger_runway_months * burn_sum) {
    ++raises_started_;
    raise_resolves_ = m + policy_->lag_months;
    raise_amount_ = policy_->size_months ? *policy_->size_months * (burn_sum / burn_count_)
                                         : param(model.index.policy_amount);
  }
}

/// The main track's month, for the break-even metric, the year records and the trace.
struct MainMonth {
  double interest = 0, tax = 0, net_income = 0, free_cash_flow = 0, metric = 0;
};

/// Cash and funding, part two: the main cash track (with contingent raises, ends at the first
/// cash-out) and the standalone track (no contingent raises, runs on below the minimum).
class CashStage {
 public:
  explicit CashStage(const ScenarioSpec& spec)
      : cash_(spec.state.cash),
        standalone_cash_(spec.state.cash),
        loss_pool_(spec.tax.loss_carryforward),
        standalone_loss_pool_(spec.tax.loss_carryforward),
        minimum_(spec.cash.minimum),
        metric_kind_(spec.breakeven.metric) {}

  void standalone(const CostStage& costs, const Operations& ops, double scheduled_in, int m,
                  int months, PathOutcome& out);
  MainMonth main(const CostStage& costs, const Operations& ops, double funding_in);
  bool alive() const { return alive_; }
  double cash() const { return cash_; }
  double standalone_cash() const { return standalone_cash_; }
  double standalone_low() const { return standalone_low_; }
  double minimum() const { return minimum_; }
  void cash_out(int m, PathOutcome& out) {
    alive_ = false;
    out.cashout_month = m;
  }

 private:
  double cash_, standalone_cash_, loss_pool_, standalone_loss_pool_;
  double standalone_low_ = kInfinity;
  double minimum_;
  Metric metric_kind_;
  bool alive_ = true;
};

void CashStage::standalone(const CostStage& costs, const Operations& ops, double scheduled_in,
                           int m, int months, PathOutcome& out) {
  const double interest = std::max(standalone_cash_, 0.0) * costs.interest_rate;
  const double pretax = ops.operating_income + costs.subsidies + interest;
  const double net_income =
      pretax - tax_after_losses(pretax, costs.tax_rate, standalone_loss_pool_);
  standalone_cash_ += net_income + ops.non_cash - ops.wc_change - costs.capex + scheduled_in;
  standalone_low_ = std::min(standalone_low_, standalone_cash_);
  if (out.runway_months == months && standalone_cash_ < minimum_) out.runway_months = m;
}

MainMonth CashStage::main(const CostStage& costs, const Operations& ops, double funding_in) {
  MainMonth month;
  month.interest = std::max(cash_, 0.0) * costs.interest_rate;
  const double pretax = ops.operating_income + costs.subsidies + month.interest;
  month.tax = tax_after_losses(pretax, costs.tax_rate, loss_pool_);
  month.net_income = pretax - month.tax;
  const double operating_cash_flow = month.net_income + ops.non_cash - ops.wc_change;
  month.free_cash_flow = operating_cash_flow - costs.capex;
  cash_ += month.free_cash_flow + funding_in;
  month.metric = metric_of(metric_kind_, month.net_income, costs.sbc(), ops.operating_income,
                           operating_cash_flow, month.free_cash_flow);
  return month;
}

/// Judge periods: sums the metric per period and judges each period as it closes. Periods are
/// contiguous runs of months, so it keeps a running sum and the month the period closes in.
class PeriodJudge {
 public:
  explicit PeriodJudge(const Model& model);
  void month(const Model& model, PathWorkspace& ws, int m, double metric, bool alive,
             double standalone_low, PathOutcome& out);

 private:
  bool ttm_;
  int sustained_;
  double ttm_before_start_;
  int next_period_ = 0;  // the next period to judge, in time order
  int period_end_;
  double period_sum_;
  int ttm_slot_ = 0;
  int run_length_ = 0, run_start_ = -1;
  double ttm_sum_;
};

PeriodJudge::PeriodJudge(const Model& model)
    : ttm_(model.spec.breakeven.period == PeriodKind::ttm),
      sustained_(model.spec.breakeven.sustained),
      ttm_before_start_(model.spec.state.ttm.value_or(0.0) / 12.0),
      period_end_(model.periods[0].last_month),
      // The open period already holds the ytd; the trailing window starts full of the months
      // before the start, state.ttm / 12 each.
      period_sum_(ttm_ ? 0.0 : model.spec.state.ytd),
      ttm_sum_(model.spec.state.ttm.value_or(0.0)) {}

void PeriodJudge::month(const Model& model, PathWorkspace& ws, int m, double metric, bool alive,
                        double standalone_low, PathOutcome& out) {
  if (out.breakeven_period >= 0) return;
  if (ttm_) {
    const double oldest = m >= 12 ? ws.recent_metric[at(ttm_slot_)] : ttm_before_start_;
    ttm_sum_ += metric - oldest;
    ws.recent_metric[at(ttm_slot_)] = metric;
    ttm_slot_ = ttm_slot_ == 11 ? 0 : ttm_slot_ + 1;
    period_sum_ = ttm_sum_;
  } else {
    period_sum_ += metric;
  }
  if (m != period_end_) return;
  const double sum = period_sum_;
  if (!ttm_) period_sum_ = 0;
  ws.standalone_low_by_period[at(next_period_)] = standalone_low;
  // A period holding the cash-out month, or after it, is not profitable.
  if (alive && sum > 0) {
    if (run_length_ == 0) run_start_ = next_period_;
    if (++run_length_ == sustained_) out.breakeven_period = run_start_;
  } else {
    run_length_ = 0;
  }
  ++next_period_;
  const auto period_count = static_cast<int>(model.periods.size());
  period_end_ = next_period_ < period_count ? model.periods[at(next_period_)].last_month : kNever;
}

/// Record: the fiscal year's revenue, net income and closing cash, for the fans. Years are
/// contiguous runs of months, closed on a known month.
class YearRecorder {
 public:
  YearRecorder(const Model& model, PathOutcome& out) {
    for (YearRecord& year : out.years) year = YearRecord{};
    const ScenarioSpec& spec = model.spec;
    const bool ytd_in_first_year =
        spec.breakeven.metric == Metric::net_income && spec.breakeven.period == PeriodKind::year;
    if (ytd_in_first_year && !out.years.empty()) out.years[0].net_income = spec.state.ytd;
    year_end_ = out.years.empty() ? kNever : model.fiscal_years[0].last_month;
  }
  void month(const Model& model, int m, double revenue, double net_income, double cash,
             double minimum, PathOutcome& out) {
    YearRecord& year = out.years[index_];
    year.revenue += revenue;
    year.net_income += net_income;
    if (m != year_end_) return;
    year.closing_cash = cash;
    year.alive = cash >= minimum;
    ++index_;
    year_end_ = index_ < out.years.size() ? model.fiscal_years[index_].last_month : kNever;
  }

 private:
  std::size_t index_ = 0;
  int year_end_;
};

}  // namespace

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
  draw_parameters(model, seed, path, ws.draws);
  const Params param{ws.draws};
  EventStage events;
  events.start(model, ws, seed, path);
  const bool has_milestones = !model.milestones.empty();
  if (has_milestones) ws.milestones.start(model, seed, path, ws.draws);
  RevenueStage revenue_stage(model, param, sector_shocks, seed, path, ws);
  CostStage costs(model, param, revenue_stage.initial_annual_revenue(), seed, path, ws);
  FundingStage funding(model, param, seed, path, ws);
  ws.raises_succeeded = 0;
  CashStage tracks(model.spec);
  PeriodJudge judge(model);
  out.breakeven_period = -1;
  out.cashout_month = -1;
  out.runway_months = model.months;
  out.funding_need = 0;
  YearRecorder years(model, out);

  for (int m = 0; m < model.months; ++m) {
    events.apply(model, ws, m);
    MonthEffects fx = events.month_effects();
    double respin_cost = 0;  // milestones: attempts due this month, then the successes' effects
    if (has_milestones) {
      respin_cost = ws.milestones.step(model, m);
      ws.milestones.apply(model, m, fx.revenue, fx.growth, fx.gross_margin);
    }
    const double revenue = revenue_stage.step(model, m, fx);
    const Operations ops = costs.month(model, m, revenue, fx, respin_cost);
    const double scheduled_in = funding.scheduled(model, m);
    const double raised_in = funding.resolved_raise(m);
    tracks.standalone(costs, ops, scheduled_in, m, model.months, out);
    MainMonth main;
    if (tracks.alive()) {
      main = tracks.main(costs, ops, scheduled_in + raised_in);
      if (funding.raise_landed()) ++ws.raises_succeeded;  // after a cash-out it lands nowhere
      years.month(model, m, revenue, main.net_income, tracks.cash(), tracks.minimum(), out);
      if (tracks.cash() < tracks.minimum())
        tracks.cash_out(m, out);
      else
        funding.consider_raise(param, model, m, tracks.cash(), main.free_cash_flow);
    }
    judge.month(model, ws, m, main.metric, tracks.alive(), tracks.standalone_low(), out);
    if (trace) {
      trace->push_back({m, revenue, ops.gross_margin, ops.rnd, ops.sga, costs.sbc(),
                        costs.depreciation, ops.operating_income, costs.subsidies, main.interest,
                        main.tax, main.net_income, ops.wc_change, costs.capex, main.free_cash_flow,
                        scheduled_in + raised_in, tracks.cash(), tracks.standalone_cash(),
                        main.metric});
    }
    costs.advance();
  }
  events.record_occurrences(ws);

  const double low = out.breakeven_period >= 0
                         ? ws.standalone_low_by_period[at(out.breakeven_period)]
                         : tracks.standalone_low();
  out.funding_need = std::max(0.0, tracks.minimum() - low);
  if (has_milestones) out.milestone_success_month = ws.milestones.success_months();
}

}  // namespace breakeven
