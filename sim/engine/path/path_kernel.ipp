// SPDX-License-Identifier: MIT
// Lane kernel (included per width by path_kernel.cpp): the driver, kLanes paths month by month.
//
// The stages of a month, in the order it runs through them:
//   draw parameters (draw_parameters per lane, then each stage's constructor)
//   → apply events (EventStage, per lane)  → step revenue (RevenueStage)
//   → costs and income (CostStage)         → cash and funding (FundingStage, CashStage)
//   → judge periods (PeriodJudge)          → record (YearRecorder, the trace)
// A block of months runs the first three for each of its months before the rest: nothing from
// the cash flows back into them (PlannedMonth).
// Each stage owns the state it carries from month to month, in its own file; simulate_lanes only
// sequences them. The arithmetic runs in all lanes at once, and so do decisions whose lanes are
// random (a raise starting, a period or fiscal year closing); what draws from a lane's own stream
// or keeps a list per path (an event arriving, a raise resolving, a milestone's attempt, an order
// book) runs lane by lane, and only in the months that need it.

/// Every lane's events. Effects change only when an event arrives or a temporary one expires, so
/// a quiet month costs one compare.
class LaneEvents {
 public:
  LaneEvents(const Model& model, const LanePaths& group) {
    for (int l = 0; l < kLanes; ++l) {
      lanes_[at(l)].start(model, group.ws(l), group.seed, group.paths[l]);
      next_of_[at(l)] = lanes_[at(l)].next_change();
    }
    next_change_ = *std::min_element(next_of_.begin(), next_of_.end());
  }
  void apply(const Model& model, const LanePaths& group, int m, LaneEffects& fx) {
    if (m != next_change_) return;
    // Only the lanes with an arrival or an expiry this month, found without a branch per lane
    // (which lanes change is random, so such branches are mispredicted).
    unsigned changing = 0;
    for (int l = 0; l < kLanes; ++l) changing |= unsigned{next_of_[at(l)] == m} << l;
    for (; changing != 0; changing &= changing - 1) {
      const int l = std::countr_zero(changing);
      EventStage& events = lanes_[at(l)];
      events.apply(model, group.ws(l), m);
      // Selected into lane l rather than stored into it: the month's vector loads of `fx` then
      // need not wait on a narrow store they cannot be forwarded from.
      const VI here = lane_numbers() == l;
      fx.revenue = select(here, splat(events.current(EventTarget::revenue)), fx.revenue);
      fx.growth = select(here, splat(events.current(EventTarget::growth)), fx.growth);
      fx.gross_margin =
          select(here, splat(events.current(EventTarget::gross_margin)), fx.gross_margin);
      fx.rnd = select(here, splat(events.current(EventTarget::rnd)), fx.rnd);
      fx.sga = select(here, splat(events.current(EventTarget::sga)), fx.sga);
      next_of_[at(l)] = events.next_change();
    }
    next_change_ = *std::min_element(next_of_.begin(), next_of_.end());
  }
  void record_occurrences(const LanePaths& group) const {
    for (int l = 0; l < kLanes; ++l) lanes_[at(l)].record_occurrences(group.ws(l));
  }

 private:
  std::array<EventStage, kLanes> lanes_;
  std::array<int, kLanes> next_of_;  // each lane's next month with an arrival or an expiry
  int next_change_;                  // the first of them
};

/// Milestones, lane by lane: this month's re-spin costs, and the successes' effects on `fx`.
VD milestone_month(const Model& model, const LanePaths& group, int m, LaneEffects& fx) {
  VD respin_cost;
  for (int l = 0; l < kLanes; ++l) {
    MilestoneTrack& milestones = group.ws(l).milestones;
    respin_cost[l] = milestones.step(model, m);
    double revenue = fx.revenue[l], growth = fx.growth[l], margin = fx.gross_margin[l];
    milestones.apply(model, m, revenue, growth, margin);
    fx.revenue[l] = revenue;
    fx.growth[l] = growth;
    fx.gross_margin[l] = margin;
  }
  return respin_cost;
}

/// The month's record of every lane l with a trace, traces[l] (a cashed-out month shows zeros
/// where `shown`, the main track masked to the living lanes, has them).
void record_month(std::vector<MonthRecord>* const* traces, int m, VD revenue, const Operations& ops,
                  const CostStage& costs, const MainMonth& shown, VD funding_in,
                  const CashStage& tracks) {
  for (int l = 0; l < kLanes; ++l)
    if (std::vector<MonthRecord>* trace = traces[l])
      trace->push_back({m, revenue[l], ops.gross_margin[l], ops.rnd[l], ops.sga[l], ops.sbc[l],
                        costs.depreciation[l], ops.operating_income[l], costs.subsidies[l],
                        shown.interest[l], shown.tax[l], shown.net_income[l], ops.wc_change[l],
                        costs.capex[l], shown.free_cash_flow[l], funding_in[l], tracks.cash()[l],
                        tracks.standalone_cash()[l], shown.metric[l]});
}

/// A month's revenue and operations, worked out ahead of its cash (see simulate_lanes).
struct PlannedMonth {
  VD revenue;
  Operations ops;
};
constexpr int kPlannedMonths = 12;  // a block's months: 12 x 8 vectors, 6 KB at 8 lanes

void simulate_lanes(const Model& model, const LanePaths& group, const SectorShocks* const* sectors,
                    std::vector<MonthRecord>* const* traces) {
  std::array<std::vector<double>*, kLanes> draws;
  for (int l = 0; l < kLanes; ++l) draws[at(l)] = &group.ws(l).draws;
  draw_parameters(model, group.seed, group.paths, kLanes, draws.data());
  for (int l = 0; l < kLanes; ++l) {
    PathOutcome& out = group.out(l);
    out.breakeven_period = -1;
    out.funding_need = 0;
  }
  LaneEvents events(model, group);
  const bool has_milestones = !model.milestones.empty();
  if (has_milestones)
    for (int l = 0; l < kLanes; ++l)
      group.ws(l).milestones.start(model, group.seed, group.paths[l], group.ws(l).draws);
  RevenueStage revenue_stage(model, group, sectors);
  CostStage costs(model, group, revenue_stage.initial_annual_revenue());
  FundingStage funding(model, group);
  CashStage tracks(model);
  PeriodJudge judge(model);
  YearRecorder years(model, group);
  LaneEffects event_fx;

  // The months in blocks, each in two passes: first the operations (events, revenue, costs),
  // which no cash or funding feeds back into, then the cash and what reads it. Each pass keeps
  // fewer vectors alive than the whole month, so fewer of them live on the stack; every value
  // is computed as in one pass, by the same operations.
  std::array<PlannedMonth, kPlannedMonths> planned;
  for (int first = 0; first < model.months; first += kPlannedMonths) {
    const int end = std::min(model.months, first + kPlannedMonths);
    for (int m = first; m < end; ++m) {
      events.apply(model, group, m, event_fx);
      LaneEffects fx = event_fx;
      VD respin_cost{};  // milestones: attempts due this month, then the successes' effects
      if (has_milestones) respin_cost = milestone_month(model, group, m, fx);
      PlannedMonth& month = planned[at(m - first)];
      month.revenue = revenue_stage.step(model, group, m, fx);
      month.ops = costs.month(model, m, month.revenue, fx, respin_cost);
      costs.advance();
    }
    for (int m = first; m < end; ++m) {
      const auto& [revenue, ops] = planned[at(m - first)];
      const VD scheduled_in = funding.scheduled(model, m);
      const VI alive = tracks.alive();
      const VD raised_in = funding.resolved_raise(group, m, alive);
      tracks.standalone(costs, ops, scheduled_in, m);
      const MainMonth main = tracks.main(costs, ops, scheduled_in + raised_in);
      years.month(model, group, m, alive, revenue, main.net_income, tracks.cash(),
                  tracks.minimum());
      const VI cashed_out = tracks.cash_out(m);
      funding.consider_raise(m, alive & ~cashed_out, tracks.cash(), main.free_cash_flow);
      judge.month(model, group, m, main.metric, tracks.alive(), tracks.standalone_low());
      if (traces != nullptr)
        record_month(traces, m, revenue, ops, costs, alive_only(main, alive),
                     scheduled_in + raised_in, tracks);
    }
  }
  events.record_occurrences(group);
  years.finish(group);

  for (int l = 0; l < kLanes; ++l) {
    PathOutcome& out = group.out(l);
    out.cashout_month = tracks.cashout_month(l);
    out.runway_months = tracks.runway_months(l);
    const double low = out.breakeven_period >= 0
                           ? group.ws(l).standalone_low_by_period[at(out.breakeven_period)]
                           : tracks.standalone_low()[l];
    out.funding_need = std::max(0.0, tracks.minimum() - low);
    if (has_milestones) out.milestone_success_month = group.ws(l).milestones.success_months();
  }
}

/// The width's entry point: no vector crosses it, so it may be called from baseline code.
void simulate_group(const Model& model, std::uint64_t seed, const std::uint64_t* paths,
                    const SectorShocks* const* sectors, PathWorkspace* const* workspaces,
                    PathOutcome* const* outcomes, std::vector<MonthRecord>* const* traces) {
  simulate_lanes(model, LanePaths{seed, paths, workspaces, outcomes}, sectors, traces);
}
