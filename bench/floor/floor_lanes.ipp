// SPDX-License-Identifier: MIT
// The floor model in lanes, built once per width by bench_floor.cpp through the kernel's
// per_width.ipp: issue 15's minimal model, a group of kLanes paths month by month, every stage a
// handful of lane operations and nothing in the month loop done lane by lane. What it shares
// with the product's kernel, it shares exactly: the lane types, exp and log1p, the counter-based
// normals drawn for the whole group.
#include "sim/engine/path/lane_math.ipp"

/// Every lane's normals for one substream, months 0 .. kMonths - 1, interleaved by month.
inline void group_normals(std::uint64_t seed, std::uint64_t first, Substream substream,
                          double* out) {
  std::array<CounterNormals, kLanes> streams;
  for (int l = 0; l < kLanes; ++l)
    streams[static_cast<std::size_t>(l)] =
        CounterNormals(seed, first + static_cast<std::uint64_t>(l), substream);
  CounterNormals::fill_interleaved(streams.data(), kLanes, 0, kMonths, out);
}

/// Month m of every lane, from normals interleaved by month.
inline VD month_of(const double* interleaved, int m) {
  return load_lanes(interleaved + static_cast<std::size_t>(m) * kLanes);
}

/// Loss carryforward first, then the rate on what is left (the kernel's rule).
inline VD floor_tax(VD pretax, VD& loss_pool) {
  const VI loss = pretax <= 0;
  const VD used = vmin(loss_pool, pretax);
  loss_pool = select(loss, loss_pool - pretax, loss_pool - used);
  return select(loss, VD{}, 0.15 * (pretax - used));
}

inline void floor_group(const FloorModel& model, std::uint64_t seed, std::uint64_t first,
                        FloorTally& tally) {
  // The group's random numbers: three counter-based normals a path-month (revenue, margin, the
  // event's arrival), as the full kernel draws three (sector, company, margin).
  alignas(64) std::array<double, kMonths * kLanes> revenue_z, margin_z, event_z;
  group_normals(seed, first, Substream::revenue, revenue_z.data());
  group_normals(seed, first, Substream::margin, margin_z.data());
  group_normals(seed, first, Substream::events, event_z.data());

  // Per-path parameters: three uniform draws, where the full model inverts PERT and other CDFs.
  VD growth_start, growth_long, gross_start;
  for (int l = 0; l < kLanes; ++l) {
    const KeyedUniforms uniform_of(seed, first + static_cast<std::uint64_t>(l));
    growth_start[l] = 0.4 + 1.6 * uniform_of(1);
    growth_long[l] = 0.1 + 0.2 * uniform_of(2);
    gross_start[l] = 0.3 + 0.3 * uniform_of(3);
  }
  const VD log_growth_start = lane_log1p(growth_start), log_growth_long = lane_log1p(growth_long);
  const double gross_long = 0.5;

  VD log_level = splat(std::log(14.0 / 12.0));
  VD rnd = splat(14.0 / 12), sga = splat(4.0 / 12), sbc = splat(2.0 / 12);
  const VD rnd_step = lane_exp(splat(std::log1p(0.1) / 12));
  const VD sga_step = lane_exp(splat(std::log1p(0.08) / 12));
  const VD sbc_step = lane_exp(splat(std::log1p(-0.2) / 12));
  const double depreciation = 0.8 / 12, subsidies = 1.0 / 12, interest_rate = 0.015 / 12;
  const double capex = 1.5 / 12, wc_ratio = 0.4 * 12, minimum = 2;
  VD previous_wc = wc_ratio / 12 * splat(14.0);

  VD cash = splat(40), standalone_cash = cash;
  VD loss_pool = splat(50), standalone_loss_pool = loss_pool;
  VD event_until = splat(-1);                  // the event's revenue hit lasts until this month
  VD raise_month = splat(-1), raise_amount{};  // a raise pending, and what it brings
  VD raises = VD{}, year_net_income = VD{};
  VI alive = VI{} - 1;
  VD breakeven_year = splat(kYears), cashout_year = splat(kYears);
  VD standalone_low = cash;

  int year = 0;
  for (int m = 0; m < kMonths; ++m) {
    const VD month = splat(m);
    // Revenue: a random walk in logs whose drift decays from the start growth to the long run.
    const VD hit = select(event_until >= month, splat(model.event_factor), splat(1));
    const VD revenue = lane_exp(log_level) * hit * model.season[static_cast<std::size_t>(m)];
    const VD log_growth = log_growth_long + (log_growth_start - log_growth_long) *
                                                model.growth_decay[static_cast<std::size_t>(m)];
    log_level += log_growth / 12.0 + model.revenue_vol * month_of(revenue_z.data(), m);

    // Margin with noise, costs with their own growth, working capital.
    VD gross = gross_long +
               (gross_start - gross_long) * model.margin_decay[static_cast<std::size_t>(m)] +
               0.03 * month_of(margin_z.data(), m);
    gross = vclamp(gross, splat(-1.0), splat(0.99));
    const VD rnd_spent = vmax(rnd, 0.2 * revenue);
    const VD operating = revenue * gross - rnd_spent - (sga + 0.04 * revenue) - sbc - depreciation;
    const VD wc = wc_ratio * revenue;
    const VD wc_change = wc - previous_wc;
    previous_wc = wc;

    // The standalone track: scheduled rounds but no raises, runs on below the minimum.
    const double round = m == kIpoMonth ? kIpoAmount : 0.0;
    const VD standalone_pretax =
        operating + subsidies + vmax(standalone_cash, VD{}) * interest_rate;
    standalone_cash += standalone_pretax - floor_tax(standalone_pretax, standalone_loss_pool) +
                       sbc + depreciation - wc_change - capex + round;
    standalone_low = vmin(standalone_low, standalone_cash);

    // The main track, with the raise that lands this month.
    const VD pretax = operating + subsidies + vmax(cash, VD{}) * interest_rate;
    VD pool = loss_pool;
    const VD net_income = pretax - floor_tax(pretax, pool);
    const VD free_cash_flow = net_income + sbc + depreciation - wc_change - capex;
    const VD landing = select(raise_month == month, raise_amount, VD{}) + round;
    cash = select(alive, cash + (free_cash_flow + landing), cash);
    loss_pool = select(alive, pool, loss_pool);
    year_net_income += select(alive, net_income, VD{});

    // Cash-out, then a raise where the runway is under 18 months: 24 months of burn in 6.
    const VI out = alive & (cash < minimum);
    cashout_year = select(out, splat(year), cashout_year);
    alive &= ~out;
    const VD burn = -free_cash_flow;
    const VI starts =
        alive & (raise_month < month) & (raises < 4) & (burn > 0) & (cash < 18.0 * burn);
    raise_month = select(starts, month + 6.0, raise_month);
    raise_amount = select(starts, 24.0 * burn, raise_amount);
    raises = select(starts, raises + 1.0, raises);

    // The event: a Poisson arrival (0.15 a year) hits revenue for twelve months.
    const VI arrives =
        (month_of(event_z.data(), m) > model.event_threshold) & (event_until < month);
    event_until = select(arrives, month + 12.0, event_until);

    // Annual break-even of the main track's net income.
    if ((m - kFirstYearEnd) % 12 == 0) {
      const VI breaks_even = alive & (year_net_income > 0) & (breakeven_year == kYears);
      breakeven_year = select(breaks_even, splat(year), breakeven_year);
      year_net_income = VD{};
      ++year;
    }
    rnd *= rnd_step;
    sga *= sga_step;
    sbc *= sbc_step;
  }
  for (int l = 0; l < kLanes; ++l) {
    ++tally.breakeven_by_year[static_cast<std::size_t>(breakeven_year[l])];
    ++tally.cashout_by_year[static_cast<std::size_t>(cashout_year[l])];
  }
  tally.paths += kLanes;
  for (int l = 0; l < kLanes; ++l) tally.funding_need += std::max(0.0, minimum - standalone_low[l]);
}
