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

// The funding-need histogram in bins of `width`, a whole multiple of the scenario's own round
// width (both start at 0), so companies of one money unit share a bin width and bar heights
// compare. The last bin keeps the tail.
std::vector<HistogramBin> need_bins(const FundingNeedResult& need, double width) {
  std::vector<HistogramBin> out;
  for (const HistogramBin& bin : need.histogram) {
    const auto k = static_cast<std::size_t>(std::floor(bin.lo / width + 1e-9));
    while (out.size() <= k)
      out.push_back({width * static_cast<double>(out.size()),
                     width * static_cast<double>(out.size() + 1), 0.0});
    out[k].p += bin.p;
  }
  return out;
}

// The widest of the scenarios' own widths, raised to the next round width until it is a whole
// multiple of each (1, 2 and 5 times powers of ten: 2 and 5 meet at 10).
double common_width(const std::vector<double>& widths) {
  double width = 0;
  for (double w : widths) width = std::max(width, w);
  auto divides_all = [&](double candidate) {
    return std::all_of(widths.begin(), widths.end(), [&](double w) {
      const double ratio = candidate / w;
      return std::fabs(ratio - std::round(ratio)) < 1e-6;
    });
  };
  for (int guard = 0; width > 0 && !divides_all(width) && guard < 8; ++guard)
    width = nice_scale(0, width * 1.01, 1).step;
  return width;
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

// Slots after the scenario's own last period or year exist only because another scenario of the
// page runs longer: shade them, so an empty slot reads "not simulated", not "0 %".
void shade_after_horizon(SvgPlot& plot, const std::vector<std::string>& slots,
                         const std::string& last, const ScenarioResult& r) {
  const auto first =
      static_cast<std::size_t>(std::upper_bound(slots.begin(), slots.end(), last) - slots.begin());
  if (last.empty() || first >= slots.size()) return;
  const double left = plot.slot_left(first);
  plot.region(left, plot.plot_right(), "outside",
              "after the horizon of this scenario (" + r.horizon + ")");
  plot.text((left + plot.plot_right()) / 2, plot.plot_top() + 9, "after horizon", "outside-label",
            "middle");
}

std::string last_year(const ScenarioResult& r) {
  return r.fans.revenue.empty() ? std::string() : r.fans.revenue.back().year;
}

// Quarters and months are too many to label one by one: the axis names the year at its first
// quarter or month ("2026" under 2026-Q1 or 2026-01) and the bars' tooltips give the period.
std::vector<std::string> axis_labels(const std::vector<std::string>& periods) {
  std::vector<std::string> out;
  for (const std::string& label : periods) {
    const bool sub_year = label.size() > 4 && label[4] == '-';
    if (!sub_year)
      out.push_back(label);
    else if (label.compare(4, std::string::npos, "-Q1") == 0 ||
             label.compare(4, std::string::npos, "-01") == 0)
      out.push_back(label.substr(0, 4));
    else
      out.emplace_back();
  }
  return out;
}

// A bear or bull case over its base case: a dashed line with dots, its role in the tooltip.
void overlay(SvgPlot& plot, const std::vector<double>& xs, const std::vector<double>& ys,
             const Variant& variant) {
  plot.line(xs, ys, std::string("variant ") + variant.role, true);
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
  std::map<std::string, std::vector<double>> widths;
  for (const ScenarioResult& r : results)
    if (!r.funding_need.histogram.empty()) {
      const HistogramBin& first = r.funding_need.histogram.front();
      widths[money_label(r)].push_back(first.hi - first.lo);
    }
  for (const auto& [unit, list] : widths) axes.need_bin[unit] = common_width(list);
  for (const ScenarioResult& r : results) {
    const std::string unit = money_label(r);
    for (const auto& row : r.breakeven.distribution) be = std::max(be, row.p);
    for (const auto& row : r.cash_out.by_year) cash_out = std::max(cash_out, row.estimate.p);
    for (double share : runway_bins(r.runway, axes.runway_bin)) runway = std::max(runway, share);
    widen(need_x, unit, 0);
    if (const auto width = axes.need_bin.find(unit); width != axes.need_bin.end())
      for (const auto& bin : need_bins(r.funding_need, width->second)) {
        need = std::max(need, bin.p);
        widen(need_x, unit, bin.hi);
      }
    // The runway chart's last bar: the paths whose cash outlasts the horizon.
    runway = std::max(runway, r.runway.beyond_horizon.p);
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

std::string breakeven_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes,
                            const std::vector<Variant>& variants) {
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
      axis_labels(slots), {},
      "first " + readable_name(b.period) + " with " + readable_name(b.metric) + " > 0");
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
  for (const Variant& v : variants) {
    if (!axes.periods_shared) break;
    std::vector<double> vx, vy;
    for (const PeriodProbability& row : v.result->breakeven.distribution) {
      vx.push_back(plot.slot_centre(slot_of(slots, row.period)));
      vy.push_back(plot.y2(row.cumulative));
    }
    overlay(plot, vx, vy, v);
  }
  if (axes.periods_shared && !b.distribution.empty())
    shade_after_horizon(plot, slots, b.distribution.back().period, r);
  if (target_slot)
    plot.marker(plot.slot_left(*target_slot) + plot.slot_width(), "target " + *b.target,
                "target-marker");
  return plot.svg(chart_id("breakeven", index), chart_class("breakeven"),
                  r.name + ": probability of first break-even by " + readable_name(b.period));
}

std::string cash_out_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes,
                           const std::vector<Variant>& variants) {
  SvgPlot plot(PlotLayout{}, axes.cash_out_y);
  plot.set_categories(axes.years.size());
  plot.left_axis("% of paths", 100, "");
  plot.category_axis(axes.years, year_sublabels(r, axes.years), "fiscal year of cash-out");
  shade_after_horizon(plot, axes.years, last_year(r), r);
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
  for (const Variant& v : variants) {
    std::vector<double> vx, vy;
    for (const YearProbability& row : v.result->cash_out.by_year) {
      vx.push_back(plot.slot_centre(slot_of(axes.years, row.year)));
      vy.push_back(plot.y(row.estimate.p));
    }
    overlay(plot, vx, vy, v);
  }
  return plot.svg(chart_id("cash-out", index), chart_class("cash-out"),
                  r.name + ": probability of running out of cash, by fiscal year");
}

std::string runway_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes,
                         const std::vector<Variant>& variants) {
  const RunwayResult& runway = r.runway;
  const NiceScale x_scale = month_scale(axes.runway_months);
  // Room right of the month axis for one more bar: the paths whose cash lasts beyond the
  // horizon, often the largest group, which a chart of months alone would leave out.
  const double beyond_lo = x_scale.hi + 3.0 * axes.runway_bin;
  const double beyond_hi = x_scale.hi + 7.0 * axes.runway_bin;
  SvgPlot plot(PlotLayout{}, axes.runway_y);
  plot.set_x_range(x_scale.lo, beyond_hi);
  plot.left_axis(fmt::format("% of paths per {} months", axes.runway_bin), 100, "");
  plot.linear_axis(x_scale, "months of runway without new raises");
  // Months past this scenario's own horizon (another scenario runs longer) were not simulated.
  if (runway.horizon_months < axes.runway_months)
    plot.region(plot.x(runway.horizon_months), plot.x(x_scale.hi), "outside",
                "after the horizon of this scenario (" + r.horizon + ")");
  plot.bar(plot.x(beyond_lo), plot.x(beyond_hi), runway.beyond_horizon.p, "bar-runway beyond",
           fmt::format("beyond the horizon ({}): {}", r.horizon,
                       format_percent(runway.beyond_horizon.p)));
  plot.text((plot.x(beyond_lo) + plot.x(beyond_hi)) / 2, plot.plot_bottom() + 13, "beyond",
            "beyond-label", "middle");
  const std::vector<double> bins = runway_bins(runway, axes.runway_bin);
  for (std::size_t k = 0; k < bins.size(); ++k) {
    const int lo = static_cast<int>(k) * axes.runway_bin;
    const int hi = std::min(lo + axes.runway_bin, runway.horizon_months);
    plot.bar(plot.x(lo) + 0.4, plot.x(hi) - 0.4, bins[k], "bar-runway",
             fmt::format("{}–{} months: {}", lo, hi - 1, format_percent(bins[k])));
  }
  for (const Variant& v : variants) {
    std::vector<double> vx, vy;
    const std::vector<double> shares = runway_bins(v.result->runway, axes.runway_bin);
    for (std::size_t k = 0; k < shares.size(); ++k) {
      vx.push_back(plot.x((static_cast<double>(k) + 0.5) * axes.runway_bin));
      vy.push_back(plot.y(shares[k]));
    }
    vx.push_back(plot.x((beyond_lo + beyond_hi) / 2));
    vy.push_back(plot.y(v.result->runway.beyond_horizon.p));
    overlay(plot, vx, vy, v);
  }
  if (runway.p50 < runway.horizon_months)
    plot.marker(plot.x(runway.p50), fmt::format("median {} mo", runway.p50), "stat-marker");
  return plot.svg(chart_id("runway", index), chart_class("runway"),
                  r.name + ": runway without new raises (scheduled rounds included), in months");
}

std::string funding_need_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes,
                               const std::vector<Variant>& variants) {
  const FundingNeedResult& need = r.funding_need;
  const NiceScale x_scale = axes.need_x.at(money_label(r));
  SvgPlot plot(PlotLayout{}, axes.need_y);
  plot.set_x_range(x_scale.lo, x_scale.hi);
  const auto width = axes.need_bin.find(money_label(r));
  plot.left_axis(
      width == axes.need_bin.end()
          ? std::string("% of paths")
          : fmt::format("% of paths per {} {}", format_amount(width->second), r.money_unit),
      100, "");
  plot.linear_axis(x_scale, "money still needed, " + money_label(r));
  const std::vector<HistogramBin> bins =
      width == axes.need_bin.end() ? need.histogram : need_bins(need, width->second);
  for (const HistogramBin& bin : bins)
    plot.bar(plot.x(bin.lo) + 0.3, plot.x(bin.hi) - 0.3, bin.p, "bar-need",
             fmt::format("{}–{} {}: {}", format_amount(bin.lo), format_amount(bin.hi), r.money_unit,
                         format_percent(bin.p)));
  for (const Variant& v : variants) {
    if (width == axes.need_bin.end()) break;
    std::vector<double> vx, vy;
    for (const HistogramBin& bin : need_bins(v.result->funding_need, width->second)) {
      vx.push_back(plot.x((bin.lo + bin.hi) / 2));
      vy.push_back(plot.y(bin.p));
    }
    overlay(plot, vx, vy, v);
  }
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
                      const FanKind& kind, const std::vector<Variant>& variants) {
  const std::vector<FanPoint>& points = r.fans.*kind.points;
  PlotLayout layout;
  layout.right = 34;  // room for the share still alive
  SvgPlot plot(layout, (axes.*kind.scale).at(money_label(r)));
  plot.set_categories(axes.years.size());
  plot.set_right_scale(nice_scale(0, 1, 4));
  plot.left_axis(money_label(r));
  plot.right_axis("% not run out of cash", 100, "");
  plot.category_axis(axes.years, year_sublabels(r, axes.years), "fiscal year");
  shade_after_horizon(plot, axes.years, last_year(r), r);
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
  for (const Variant& v : variants) {
    std::vector<double> vx, vy;
    for (const FanPoint& point : v.result->fans.*kind.points) {
      if (!std::isfinite(point.p50)) continue;
      vx.push_back(plot.slot_centre(slot_of(axes.years, point.year)));
      vy.push_back(plot.y(point.p50));
    }
    overlay(plot, vx, vy, v);
  }
  // The bands cover only the paths still alive: the dashed line says how many those are, so a
  // median that rises while paths drop out is not read as the company doing better.
  std::vector<double> alive_x, alive_y;
  for (const FanPoint& point : points) {
    alive_x.push_back(plot.slot_centre(slot_of(axes.years, point.year)));
    alive_y.push_back(plot.y2(point.alive));
  }
  plot.line(alive_x, alive_y, "alive", true);
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
