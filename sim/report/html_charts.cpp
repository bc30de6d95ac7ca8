// SPDX-License-Identifier: MIT
#include "html_charts.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "breakeven/report/terminal_report.hpp"
#include "html_text.hpp"

namespace breakeven::html {
namespace {

using Results = std::vector<ScenarioResult>;

std::vector<std::string> sorted_union(
    const Results& results,
    const std::function<void(const ScenarioResult&, std::set<std::string>&)>& add) {
  std::set<std::string> labels;
  for (const ScenarioResult& r : results) add(r, labels);
  return {labels.begin(), labels.end()};
}

std::vector<double> runway_bins(const RunwayResult& runway, int bin) {
  std::vector<double> bins(static_cast<std::size_t>((runway.horizon_months + bin - 1) / bin), 0.0);
  for (int m = 0; m < runway.horizon_months; ++m) {
    const auto index = static_cast<std::size_t>(m);
    if (index < runway.share_by_month.size())
      bins[static_cast<std::size_t>(m / bin)] += runway.share_by_month[index];
  }
  return bins;
}

// A probability axis: from 0 to at least 1 % so that an all-zero chart still has a scale.
NiceScale share_scale(double largest) {
  return nice_scale(0, std::max(largest, 0.01), 4);
}

NiceScale money_scale(double lo, double hi) {
  if (!(lo <= hi)) lo = 0, hi = 1;
  return nice_scale(std::min(lo, 0.0), std::max(hi, 0.0), 5);
}

void widen(std::map<std::string, std::pair<double, double>>& ranges, const std::string& key,
           double value) {
  if (!std::isfinite(value)) return;
  auto [it, inserted] = ranges.try_emplace(key, value, value);
  if (!inserted) {
    it->second.first = std::min(it->second.first, value);
    it->second.second = std::max(it->second.second, value);
  }
}

std::map<std::string, NiceScale> money_scales(
    const std::map<std::string, std::pair<double, double>>& ranges, const Results& results) {
  std::map<std::string, NiceScale> scales;
  for (const ScenarioResult& r : results) {
    const auto it = ranges.find(money_label(r));
    scales[money_label(r)] =
        it == ranges.end() ? money_scale(0, 1) : money_scale(it->second.first, it->second.second);
  }
  return scales;
}

NiceScale month_scale(int months) {
  // Years read better than round decimals on a month axis.
  const int step = months > 48 ? 12 : months > 18 ? 6 : 3;
  NiceScale scale;
  scale.lo = 0;
  scale.step = step;
  scale.hi = std::max(1, (months + step - 1) / step) * step;
  return scale;
}

std::size_t slot_of(const std::vector<std::string>& slots, const std::string& label) {
  return static_cast<std::size_t>(std::lower_bound(slots.begin(), slots.end(), label) -
                                  slots.begin());
}

// "(6 mo)" under a partial fiscal year: its fan or cash-out figure covers fewer months.
std::vector<std::string> year_sublabels(const ScenarioResult& r,
                                        const std::vector<std::string>& years) {
  std::vector<std::string> out(years.size());
  for (const FanPoint& point : r.fans.revenue)
    if (point.months < 12) out[slot_of(years, point.year)] = fmt::format("({} mo)", point.months);
  return out;
}

std::string chart_id(std::string_view kind, std::size_t index) {
  return fmt::format("{}-{}", kind, index);
}

std::string chart_class(std::string_view kind) {
  return fmt::format("chart-{}", kind);
}

}  // namespace

SharedAxes shared_axes(const Results& results) {
  SharedAxes axes;
  for (const ScenarioResult& r : results)
    if (r.breakeven.period != results.front().breakeven.period) axes.periods_shared = false;
  axes.periods = sorted_union(results, [](const ScenarioResult& r, std::set<std::string>& out) {
    for (const auto& row : r.breakeven.distribution) out.insert(row.period);
  });
  axes.years = sorted_union(results, [](const ScenarioResult& r, std::set<std::string>& out) {
    for (const auto& row : r.cash_out.by_year) out.insert(row.year);
    for (const auto& point : r.fans.revenue) out.insert(point.year);
  });

  double be = 0, cash_out = 0, runway = 0, need = 0;
  for (const ScenarioResult& r : results)
    axes.runway_months = std::max(axes.runway_months, r.runway.horizon_months);
  // About 30 bars whatever the horizon: quarters for the usual 7½ years.
  axes.runway_bin = std::max(1, (axes.runway_months + 29) / 30);
  std::map<std::string, std::pair<double, double>> need_x, revenue, net_income, cash;
  for (const ScenarioResult& r : results) {
    const std::string unit = money_label(r);
    for (const auto& row : r.breakeven.distribution) be = std::max(be, row.p);
    for (const auto& row : r.cash_out.by_year) cash_out = std::max(cash_out, row.estimate.p);
    for (double share : runway_bins(r.runway, axes.runway_bin)) runway = std::max(runway, share);
    widen(need_x, unit, 0);
    for (const auto& bin : r.funding_need.histogram) {
      need = std::max(need, bin.p);
      widen(need_x, unit, bin.hi);
    }
    auto fan_range = [&](std::map<std::string, std::pair<double, double>>& range,
                         const std::vector<FanPoint>& points) {
      widen(range, unit, 0);
      for (const FanPoint& point : points) {
        widen(range, unit, point.p05);
        widen(range, unit, point.p95);
      }
    };
    fan_range(revenue, r.fans.revenue);
    fan_range(net_income, r.fans.net_income);
    fan_range(cash, r.fans.cash);
  }
  axes.breakeven_y = share_scale(be);
  axes.cash_out_y = share_scale(cash_out);
  axes.runway_y = share_scale(runway);
  axes.need_y = share_scale(need);
  axes.need_x = money_scales(need_x, results);
  axes.revenue_y = money_scales(revenue, results);
  axes.net_income_y = money_scales(net_income, results);
  axes.cash_y = money_scales(cash, results);
  return axes;
}

// ---- Charts --------------------------------------------------------------------------------

std::string breakeven_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes) {
  const BreakevenResult& b = r.breakeven;
  std::vector<std::string> slots;
  if (axes.periods_shared) {
    slots = axes.periods;
  } else {
    for (const auto& row : b.distribution) slots.push_back(row.period);
  }
  PlotLayout layout;
  layout.right = 34;  // room for the cumulative axis
  SvgPlot plot(layout, axes.breakeven_y);
  plot.set_categories(slots.size());
  plot.set_right_scale(nice_scale(0, 1, 4));
  plot.left_axis("% of paths", 100, "");
  plot.right_axis("cumulative %", 100, "");
  plot.category_axis(
      slots, {}, "first " + readable_name(b.period) + " with " + readable_name(b.metric) + " > 0");
  const double gap = std::min(plot.slot_width() * 0.18, 4.0);
  std::vector<double> xs, ys;
  std::optional<std::size_t> target_slot;
  for (const PeriodProbability& row : b.distribution) {
    const std::size_t slot = slot_of(slots, row.period);
    const bool is_target = b.target && *b.target == row.period;
    if (is_target) target_slot = slot;
    plot.bar(plot.slot_left(slot) + gap, plot.slot_left(slot) + plot.slot_width() - gap, row.p,
             is_target ? "bar-be target" : "bar-be",
             fmt::format("{}: {} {} (cumulative {})", row.period, format_percent(row.p), pp(row.se),
                         format_percent(row.cumulative)));
    xs.push_back(plot.slot_centre(slot));
    ys.push_back(plot.y2(row.cumulative));
  }
  plot.line(xs, ys, "cum", true);
  if (target_slot)
    plot.marker(plot.slot_left(*target_slot) + plot.slot_width(), "target " + *b.target,
                "target-marker");
  return plot.svg(chart_id("breakeven", index), chart_class("breakeven"),
                  r.name + ": probability of first break-even by " + readable_name(b.period));
}

std::string cash_out_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes) {
  SvgPlot plot(PlotLayout{}, axes.cash_out_y);
  plot.set_categories(axes.years.size());
  plot.left_axis("% of paths", 100, "");
  plot.category_axis(axes.years, year_sublabels(r, axes.years), "fiscal year of cash-out");
  const double gap = std::min(plot.slot_width() * 0.18, 4.0);
  // Stacked: the total in the light colour, its before-break-even part over it in the dark one.
  for (const YearProbability& row : r.cash_out.by_year) {
    const std::size_t slot = slot_of(axes.years, row.year);
    const double x0 = plot.slot_left(slot) + gap,
                 x1 = plot.slot_left(slot) + plot.slot_width() - gap;
    const std::string tip = fmt::format("{}: {} {} ({} before break-even, {} after)", row.year,
                                        format_percent(row.estimate.p), pp(row.estimate.se),
                                        format_percent(row.before_breakeven.p),
                                        format_percent(row.estimate.p - row.before_breakeven.p));
    plot.bar(x0, x1, row.estimate.p, "bar-cash-out after", tip);
    plot.bar(x0, x1, row.before_breakeven.p, "bar-cash-out", tip);
  }
  return plot.svg(chart_id("cash-out", index), chart_class("cash-out"),
                  r.name + ": probability of running out of cash, by fiscal year");
}

std::string runway_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes) {
  const RunwayResult& runway = r.runway;
  const NiceScale x_scale = month_scale(axes.runway_months);
  SvgPlot plot(PlotLayout{}, axes.runway_y);
  plot.set_x_range(x_scale.lo, x_scale.hi);
  plot.left_axis(fmt::format("% of paths per {} months", axes.runway_bin), 100, "");
  plot.linear_axis(x_scale, "months of runway without new raises");
  const std::vector<double> bins = runway_bins(runway, axes.runway_bin);
  for (std::size_t k = 0; k < bins.size(); ++k) {
    const int lo = static_cast<int>(k) * axes.runway_bin;
    const int hi = std::min(lo + axes.runway_bin, runway.horizon_months);
    plot.bar(plot.x(lo) + 0.4, plot.x(hi) - 0.4, bins[k], "bar-runway",
             fmt::format("{}–{} months: {}", lo, hi - 1, format_percent(bins[k])));
  }
  if (runway.p50 < runway.horizon_months)
    plot.marker(plot.x(runway.p50), fmt::format("median {} mo", runway.p50), "stat-marker");
  return plot.svg(chart_id("runway", index), chart_class("runway"),
                  r.name + ": runway without new raises (scheduled rounds included), in months");
}

std::string funding_need_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes) {
  const FundingNeedResult& need = r.funding_need;
  const NiceScale x_scale = axes.need_x.at(money_label(r));
  SvgPlot plot(PlotLayout{}, axes.need_y);
  plot.set_x_range(x_scale.lo, x_scale.hi);
  plot.left_axis("% of paths", 100, "");
  plot.linear_axis(x_scale, "money still needed, " + money_label(r));
  for (const HistogramBin& bin : need.histogram)
    plot.bar(plot.x(bin.lo) + 0.3, plot.x(bin.hi) - 0.3, bin.p, "bar-need",
             fmt::format("{}–{} {}: {}", format_amount(bin.lo), format_amount(bin.hi), r.money_unit,
                         format_percent(bin.p)));
  if (need.histogram.empty())
    plot.text((plot.plot_left() + plot.plot_right()) / 2,
              (plot.plot_top() + plot.plot_bottom()) / 2, "no path needs new money", "empty",
              "middle");
  if (need.p50 > 0) plot.marker(plot.x(need.p50), "median", "stat-marker");
  if (need.p90 > 0) plot.marker(plot.x(need.p90), "p90", "stat-marker", 1);
  return plot.svg(chart_id("funding-need", index), chart_class("funding-need"),
                  r.name + ": funding still needed to reach break-even");
}

std::string fan_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes,
                      const FanKind& kind) {
  const std::vector<FanPoint>& points = r.fans.*kind.points;
  SvgPlot plot(PlotLayout{}, (axes.*kind.scale).at(money_label(r)));
  plot.set_categories(axes.years.size());
  plot.left_axis(money_label(r));
  plot.category_axis(axes.years, year_sublabels(r, axes.years), "fiscal year");
  std::vector<double> xs, p05, p25, p50, p75, p95;
  for (const FanPoint& point : points) {
    // A year no path survived has no quantiles; the band simply stops there.
    if (!std::isfinite(point.p50)) continue;
    const std::size_t slot = slot_of(axes.years, point.year);
    xs.push_back(plot.slot_centre(slot));
    p05.push_back(plot.y(point.p05));
    p25.push_back(plot.y(point.p25));
    p50.push_back(plot.y(point.p50));
    p75.push_back(plot.y(point.p75));
    p95.push_back(plot.y(point.p95));
  }
  plot.band(xs, p05, p95, "band-outer", "5–95 % of paths");
  plot.band(xs, p25, p75, "band-inner", "25–75 % of paths");
  plot.line(xs, p50, "median", true);
  // Invisible full-height slots carry each year's numbers as a hover tooltip.
  for (const FanPoint& point : points) {
    if (!std::isfinite(point.p50)) continue;
    const std::size_t slot = slot_of(axes.years, point.year);
    std::string tip = fmt::format(
        "{}{}: median {}; 25–75 %: {} to {}; 5–95 %: {} to {} ({} of paths not cashed out)",
        point.year, point.months < 12 ? fmt::format(" ({} months)", point.months) : "",
        money(point.p50, r), format_amount(point.p25), format_amount(point.p75),
        format_amount(point.p05), format_amount(point.p95), format_percent(point.alive));
    plot.region(plot.slot_left(slot), plot.slot_left(slot) + plot.slot_width(), "hover", tip);
  }
  return plot.svg(chart_id(kind.kind, index), chart_class(kind.kind),
                  r.name + ": " + kind.title + " by fiscal year, " + money_label(r));
}

}  // namespace breakeven::html
