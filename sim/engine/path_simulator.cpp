// SPDX-License-Identifier: MIT
#include "breakeven/engine/path_simulator.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/erf.hpp>

#include "breakeven/math/random_stream.hpp"
#include "path/cash_stage.hpp"
#include "path/cost_stage.hpp"
#include "path/event_stage.hpp"
#include "path/funding_stage.hpp"
#include "path/path_values.hpp"
#include "path/period_judge.hpp"
#include "path/revenue_stage.hpp"
#include "path/year_recorder.hpp"

namespace breakeven {
namespace {

double standard_normal_quantile(double u) {
  return -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * u);
}
double standard_normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
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
// Each stage owns the state it carries from month to month, in its own header under path/;
// simulate_path only sequences them.
// ---------------------------------------------------------------------------------------------

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
