// SPDX-License-Identifier: MIT
#include "breakeven/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "breakeven/svg_chart.hpp"
#include "breakeven/terminal_report.hpp"

namespace breakeven {
namespace {

using Results = std::vector<ScenarioResult>;

// The whole stylesheet. Charts scale with their viewBox; the grid collapses to one column on a
// phone; print drops colours behind text and keeps each figure on one page. The font stack
// names CJK fonts so company names like 摩尔线程 and units like 亿 never fall back to boxes.
constexpr const char* kStyle = R"(
:root { --ink: #1f2328; --muted: #59636e; --rule: #d5dbe1; --paper: #ffffff; --tint: #f4f6f8;
  --be: #4c78a8; --be-target: #1d4f80; --cum: #e8772e; --target: #c62828; --cash-out: #d64541;
  --runway: #3f9a55; --need: #8e5ea2; --revenue: #4c78a8; --net-income: #2a8c82; --cash: #7a5fb0; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1400px; padding: 16px 20px 40px; color: var(--ink);
  background: var(--paper); line-height: 1.4;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 2px; }
h2 { font-size: 1.2rem; margin: 28px 0 4px; border-bottom: 1px solid var(--rule); padding-bottom: 3px; }
h3 { font-size: 1rem; margin: 0 0 4px; }
p { margin: 4px 0; }
.meta, .how, .note { color: var(--muted); font-size: 0.88rem; }
.how { max-width: 75em; margin-bottom: 10px; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { background: var(--tint); font-weight: 600; }
th.num { text-align: right; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.scroll { overflow-x: auto; }
.headline td.company { font-weight: 600; }
.headline td.target { white-space: nowrap; }
.se { color: var(--muted); font-size: 0.8em; }
.meter { display: inline-block; width: 70px; height: 9px; background: var(--tint);
  border: 1px solid var(--rule); margin-left: 6px; vertical-align: middle; }
.meter span { display: block; height: 100%; background: var(--be); }
ul.outlook { padding-left: 1.2em; margin: 10px 0; }
ul.outlook li { margin: 3px 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 14px 18px; }
figure { margin: 0; min-width: 0; display: flex; flex-direction: column;
  break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 0.9rem; flex: 1 0 auto; margin-bottom: 2px; }
figcaption .company { font-weight: 600; }
figcaption .stat, .aside { color: var(--muted); font-size: 0.85rem; }
svg.chart { display: block; width: 100%; height: auto; overflow: visible; }
svg.chart text { font-size: 10.5px; fill: var(--ink); }
svg.chart .axis text { fill: var(--muted); }
svg.chart .axis .axis-title { fill: var(--ink); font-size: 10.5px; }
svg.chart .sublabel { font-size: 8.5px; }
svg.chart .grid { stroke: #e6e9ed; stroke-width: 1; }
svg.chart .grid.zero, svg.chart .baseline { stroke: #8a949e; stroke-width: 1; }
svg.chart .tick { stroke: #8a949e; }
svg.chart .bar-be { fill: var(--be); }
svg.chart .bar-be.target { fill: var(--be-target); }
svg.chart .cum { fill: none; stroke: var(--cum); stroke-width: 2; }
svg.chart .cum.dot { fill: var(--cum); stroke: none; }
svg.chart .target-marker line { stroke: var(--target); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg.chart .target-marker text { fill: var(--target); font-weight: 600; }
svg.chart .stat-marker line { stroke: #333; stroke-width: 1; stroke-dasharray: 2 2; }
svg.chart .stat-marker text { fill: #333; }
svg.chart .bar-cash-out { fill: var(--cash-out); }
svg.chart .bar-runway { fill: var(--runway); }
svg.chart .bar-need { fill: var(--need); }
svg.chart .aside-text { fill: var(--muted); font-size: 9.5px; }
svg.chart .empty { fill: var(--muted); font-style: italic; }
svg.chart .hover { fill: transparent; }
svg.chart .hover:hover { fill: rgba(0, 0, 0, 0.06); }
.fan-revenue { --fan: var(--revenue); }
.fan-net-income { --fan: var(--net-income); }
.fan-cash { --fan: var(--cash); }
svg.chart .band-outer { fill: var(--fan); fill-opacity: 0.2; }
svg.chart .band-inner { fill: var(--fan); fill-opacity: 0.42; }
svg.chart .median { fill: none; stroke: var(--fan); stroke-width: 2; }
svg.chart .median.dot { fill: var(--fan); stroke: none; }
.key { display: inline-block; width: 14px; height: 10px; margin: 0 4px 0 10px; vertical-align: baseline; }
.key.line { height: 3px; vertical-align: middle; }
.key.dashed { height: 0; border-top: 2px dashed var(--target); vertical-align: middle; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 14px 18px; }
.card table { width: 100%; font-size: 0.82rem; table-layout: fixed; }
.card td { padding: 2px 6px; overflow-wrap: anywhere; }
.card td:first-child { color: var(--muted); width: 46%; }
.warning { color: #9a3412; font-size: 0.85rem; }
code { font-size: 0.85em; word-break: break-all; }
@media (max-width: 640px) {
  body { padding: 10px 10px 30px; }
  .grid, .cards { grid-template-columns: 1fr; }
  h1 { font-size: 1.3rem; }
  th, td { padding: 3px 6px; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .grid, .cards { grid-template-columns: repeat(2, 1fr); }
  h2 { break-after: avoid; page-break-after: avoid; }
  .scroll { overflow: visible; }
  th { background: none; }
  svg.chart .hover { display: none; }
}
)";

std::string esc(std::string_view text) {
  return xml_escape(text);
}

std::string money_label(const ScenarioResult& r) {
  if (r.currency.empty()) return r.money_unit;
  if (r.money_unit.empty()) return r.currency;
  return r.money_unit + " " + r.currency;
}

std::string money(double value, const ScenarioResult& r) {
  return (value == 0 ? std::string("0") : format_amount(value)) + " " + r.money_unit;
}

// One standard error in percentage points, with enough decimals to be non-zero when it is.
std::string pp(double se) {
  const double points = se * 100;
  return fmt::format("± {:.{}f} pp", points, points < 0.095 ? 2 : 1);
}

// The spec's "never" quantile, said the way a reader asks it: not within the simulated years.
std::string period_phrase(const std::string& label, const ScenarioResult& r) {
  return label == "never" ? "after " + r.horizon : label;
}

std::string months_phrase(int months, int horizon) {
  if (months >= horizon) return "beyond the horizon";
  return fmt::format("{} months", months);
}

// ---- Shared axes ---------------------------------------------------------------------------

// Axis ranges and x categories that every scenario's chart of one kind uses, so bars and bands
// of different companies compare at a glance. Money ranges are shared only among scenarios with
// the same unit and currency: an axis in 亿 CNY says nothing about one in million USD.
struct SharedAxes {
  std::vector<std::string> periods;  // union of break-even periods when all kinds agree
  bool periods_shared = true;
  std::vector<std::string> years;  // union of fiscal years (cash-out and fans)
  NiceScale breakeven_y, cash_out_y, runway_y, need_y;
  int runway_months = 0, runway_bin = 1;
  std::map<std::string, NiceScale> need_x, revenue_y, net_income_y, cash_y;  // by money label
};

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
  for (const YearProbability& row : r.cash_out.by_year) {
    const std::size_t slot = slot_of(axes.years, row.year);
    plot.bar(
        plot.slot_left(slot) + gap, plot.slot_left(slot) + plot.slot_width() - gap, row.estimate.p,
        "bar-cash-out",
        fmt::format("{}: {} {}", row.year, format_percent(row.estimate.p), pp(row.estimate.se)));
  }
  return plot.svg(chart_id("cash-out", index), chart_class("cash-out"),
                  r.name + ": probability of running out of cash, by fiscal year");
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

std::string runway_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes) {
  const RunwayResult& runway = r.runway;
  const NiceScale x_scale = month_scale(axes.runway_months);
  SvgPlot plot(PlotLayout{}, axes.runway_y);
  plot.set_x_range(x_scale.lo, x_scale.hi);
  plot.left_axis(fmt::format("% of paths per {} months", axes.runway_bin), 100, "");
  plot.linear_axis(x_scale, "months of cash with no new money");
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
                  r.name + ": standalone runway, months until cash runs out without new money");
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

struct FanKind {
  const char* kind;   // chart kind and CSS class
  const char* title;  // for people
  const std::vector<FanPoint> Fans::*points;
  std::map<std::string, NiceScale> SharedAxes::*scale;
};

constexpr FanKind kFanKinds[] = {
    {"fan-revenue", "Revenue", &Fans::revenue, &SharedAxes::revenue_y},
    {"fan-net-income", "Net income", &Fans::net_income, &SharedAxes::net_income_y},
    {"fan-cash", "Year-end cash", &Fans::cash, &SharedAxes::cash_y},
};

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

// ---- Page parts ----------------------------------------------------------------------------

std::string headline_table(const Results& results) {
  std::string out = R"(<div class="scroll"><table class="headline"><thead><tr>)"
                    R"(<th>Company</th><th>Target</th>)"
                    R"(<th class="num">P(break-even by target)</th>)"
                    R"(<th class="num">Median break-even</th>)"
                    R"(<th class="num">P(cash-out first)</th>)"
                    R"(<th class="num">Median funding need</th>)"
                    R"(<th class="num">Median runway, no new money</th>)"
                    "</tr></thead><tbody>";
  for (const ScenarioResult& r : results) {
    const BreakevenResult& b = r.breakeven;
    std::string p_cell = "–";
    if (b.by_target)
      p_cell = fmt::format(
          R"({} <span class="se">{}</span><span class="meter"><span style="width:{}%"></span></span>)",
          esc(format_percent(b.by_target->p)), esc(pp(b.by_target->se)),
          svg_number(b.by_target->p * 100));
    out += fmt::format(
        R"(<tr><td class="company">{}</td><td class="target"><b>{}</b> <span class="se">{} &gt; 0</span></td><td class="num">{}</td>)"
        R"(<td class="num">{}</td><td class="num">{} <span class="se">{}</span></td>)"
        R"(<td class="num">{} <span class="se">({} need none)</span></td><td class="num">{}</td></tr>)",
        esc(r.name), esc(b.target.value_or(r.horizon)), esc(readable_name(b.metric)), p_cell,
        esc(period_phrase(b.p50, r)), esc(format_percent(b.cash_out_first.p)),
        esc(pp(b.cash_out_first.se)), esc(money(r.funding_need.p50, r)),
        esc(format_percent(r.funding_need.none.p)),
        esc(months_phrase(r.runway.p50, r.runway.horizon_months)));
  }
  out += "</tbody></table></div>";
  return out;
}

// One sentence per company, built only from its results, for a reader in a hurry.
std::string outlook_sentence(const ScenarioResult& r) {
  const BreakevenResult& b = r.breakeven;
  std::string text = fmt::format("<b>{}</b>: ", esc(r.name));
  if (b.by_target)
    text +=
        fmt::format("{} chance of {} above zero by its {} target; ", format_percent(b.by_target->p),
                    esc(readable_name(b.metric)), esc(*b.target));
  if (b.p50 == "never")
    text += fmt::format("fewer than half the paths break even by {}; ", esc(r.horizon));
  else
    text += fmt::format("half the paths break even by {}; ", esc(b.p50));
  text += fmt::format("{} run out of cash first (with the funding plan); ",
                      format_percent(b.cash_out_first.p));
  text += fmt::format("without new money, cash lasts {} in half the paths.",
                      esc(months_phrase(r.runway.p50, r.runway.horizon_months)));
  return text;
}

std::string figure(const ScenarioResult& r, std::string_view stat, const std::string& svg) {
  return fmt::format(
      R"(<figure><figcaption><span class="company">{}</span><br><span class="stat">{}</span></figcaption>{}</figure>)",
      esc(r.name), stat, svg);
}

std::string section(std::string_view id, std::string_view title, std::string_view how,
                    const std::string& figures) {
  return fmt::format(
      R"(<section id="{}" class="{}"><h2>{}</h2><p class="how">{}</p><div class="grid">{}</div></section>)",
      id, id, title, how, figures);
}

std::string breakeven_section(const Results& results, const SharedAxes& axes) {
  std::string figures;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const ScenarioResult& r = results[i];
    const BreakevenResult& b = r.breakeven;
    std::string stat =
        b.by_target ? fmt::format("by {}: <b>{}</b> {} · ", esc(*b.target),
                                  esc(format_percent(b.by_target->p)), esc(pp(b.by_target->se)))
                    : std::string();
    stat += fmt::format("median {} · not within horizon {} · cash-out first {}",
                        esc(period_phrase(b.p50, r)), esc(format_percent(b.not_within_horizon.p)),
                        esc(format_percent(b.cash_out_first.p)));
    figures += figure(r, stat, breakeven_chart(r, i, axes));
  }
  return section(
      "breakeven", "When does it break even?",
      R"html(Bars: share of paths whose first break-even falls in each period<span class="key" style="background:var(--be)"></span>(the target period darker<span class="key" style="background:var(--be-target)"></span>). Line: cumulative share, right axis<span class="key line" style="background:var(--cum)"></span>. Dashed: end of the company's target period<span class="key dashed"></span>. Paths that never break even within the horizon, or run out of cash first, have no bar.)html",
      figures);
}

std::string cash_out_section(const Results& results, const SharedAxes& axes) {
  std::string figures;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const ScenarioResult& r = results[i];
    figures +=
        figure(r,
               fmt::format("total <b>{}</b> {}", esc(format_percent(r.cash_out.probability.p)),
                           esc(pp(r.cash_out.probability.se))),
               cash_out_chart(r, i, axes));
  }
  return section("cash-out", "How likely is it to run out of cash?",
                 "Share of paths whose cash falls below the minimum in each fiscal year, with "
                 "the modelled funding rounds. Partial years are marked with their months.",
                 figures);
}

std::string runway_section(const Results& results, const SharedAxes& axes) {
  std::string figures;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const ScenarioResult& r = results[i];
    const RunwayResult& w = r.runway;
    figures += figure(
        r,
        fmt::format("median <b>{}</b> · lasts beyond {}: <b>{}</b> · &lt; 12 mo {} · &lt; 24 mo {} "
                    "· &lt; 36 mo {}",
                    esc(months_phrase(w.p50, w.horizon_months)), esc(r.horizon),
                    esc(format_percent(w.beyond_horizon.p)), esc(format_percent(w.lt12.p)),
                    esc(format_percent(w.lt24.p)), esc(format_percent(w.lt36.p))),
        runway_chart(r, i, axes));
  }
  return section("runway", "How long does the cash last without new money?",
                 "Standalone runway: months from the start until cash runs out if no new round "
                 "is raised. Paths whose cash lasts beyond the horizon are counted in the text, "
                 "not as a bar.",
                 figures);
}

std::string funding_section(const Results& results, const SharedAxes& axes) {
  std::string figures;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const ScenarioResult& r = results[i];
    const FundingNeedResult& f = r.funding_need;
    figures += figure(r,
                      fmt::format("none needed <b>{}</b> · mean {} · median {} · p90 {} · p95 {}",
                                  esc(format_percent(f.none.p)), esc(money(f.mean, r)),
                                  esc(money(f.p50, r)), esc(money(f.p90, r)), esc(money(f.p95, r))),
                      funding_need_chart(r, i, axes));
  }
  return section("funding-need", "How much money does it still take?",
                 "New money a path needs beyond its cash to reach break-even (its deepest cash "
                 "shortfall before then). Bars are shares of all paths; the paths that need none "
                 "are in the text. The last bar also holds the tail above the 99th percentile.",
                 figures);
}

std::string fan_section(const Results& results, const SharedAxes& axes, const FanKind& kind) {
  std::string figures;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const ScenarioResult& r = results[i];
    const std::vector<FanPoint>& points = r.fans.*kind.points;
    std::string stat;
    for (auto it = points.rbegin(); it != points.rend(); ++it)
      if (std::isfinite(it->p50)) {
        stat = fmt::format("{} median <b>{}</b> (5–95 %: {} to {})", esc(it->year),
                           esc(money(it->p50, r)), esc(format_amount(it->p05)),
                           esc(format_amount(it->p95)));
        break;
      }
    figures += figure(r, stat, fan_chart(r, i, axes, kind));
  }
  return section(
      kind.kind, kind.title,
      R"html(Median<span class="key line" style="background:var(--fan)"></span>, middle half of the paths (25–75 %)<span class="key" style="background:var(--fan);opacity:.42"></span> and 90 % of them (5–95 %)<span class="key" style="background:var(--fan);opacity:.2"></span>, by fiscal year, over the paths that have not run out of cash. Hover a year for its numbers.)html",
      figures);
}

std::string assumptions_section(const Results& results) {
  std::string out = R"(<section id="assumptions"><h2>Key assumptions</h2><p class="how">As )"
                    R"(written in each scenario file (after any <code>--set</code>). )"
                    R"(Distributions: pert(min, mode, max), lognormal(p05, p95), ...</p>)"
                    R"(<div class="cards">)";
  for (const ScenarioResult& r : results) {
    out += fmt::format(R"(<div class="card"><h3>{}</h3><table>)", esc(r.name));
    for (const Assumption& a : r.assumptions)
      out += fmt::format("<tr><td>{}</td><td>{}</td></tr>", esc(a.key), esc(a.value));
    out += "</table>";
    for (const std::string& warning : r.warnings)
      out += fmt::format(R"(<p class="warning">warning: {}</p>)", esc(warning));
    out += "</div>";
  }
  return out + "</div></section>";
}

std::string provenance_section(const Results& results, const RunProvenance& run) {
  std::string out =
      R"(<section id="provenance"><h2>Provenance</h2><div class="scroll"><table>)"
      R"(<thead><tr><th>Scenario</th><th>File</th><th class="num">Paths</th>)"
      R"(<th class="num">Seed</th><th>Simulated</th><th>Money</th><th>Break-even rule</th>)"
      "</tr></thead><tbody>";
  for (const ScenarioResult& r : results)
    out += fmt::format(
        R"(<tr><td>{}</td><td><code>{}</code></td><td class="num">{}</td><td class="num">{}</td>)"
        R"(<td>{} to {}</td><td>{}</td><td>{} &gt; 0 per {}</td></tr>)",
        esc(r.name), esc(r.file), esc(format_amount(static_cast<double>(r.paths), 0)), r.seed,
        esc(r.start), esc(r.horizon), esc(money_label(r)), esc(readable_name(r.breakeven.metric)),
        esc(readable_name(r.breakeven.period)));
  out += "</tbody></table></div>";
  out += fmt::format(
      R"(<p class="meta">breakeven {} · run {} · command <code>{}</code> · in <code>{}</code> · )"
      R"(output <code>{}</code></p>)",
      esc(run.version), esc(run.date), esc(run.command), esc(run.working_directory),
      esc(run.output_directory));
  out += R"(<p class="note">Probabilities are shares of simulated paths; ± is one standard )"
         R"(error (√(p(1−p)/N)) in percentage points. Results depend only on the scenario files, )"
         R"(seed and path count. The same numbers are in <code>summary.json</code> and the CSV )"
         R"(files next to this page.</p></section>)";
  return out;
}

std::string page_title(const Results& results) {
  std::string names;
  for (const ScenarioResult& r : results) names += (names.empty() ? "" : ", ") + r.name;
  return "Break-even outlook: " + names;
}

}  // namespace

std::vector<std::string> html_chart_kinds() {
  return {"breakeven",   "cash-out",       "runway",  "funding-need",
          "fan-revenue", "fan-net-income", "fan-cash"};
}

std::string render_html_report(const Results& results, const RunProvenance& provenance) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"breakeven " +
      esc(provenance.version) + "\">\n<title>" + esc(page_title(results)) + "</title>\n<style>" +
      kStyle + "</style>\n</head>\n<body>\n";
  std::int64_t paths = 0;
  for (const ScenarioResult& r : results) paths = std::max(paths, r.paths);
  out += fmt::format(
      "<header><h1>{}</h1><p class=\"meta\">{} scenario{} · {} paths each · breakeven {} · run "
      "{}</p></header>\n",
      esc(page_title(results)), results.size(), results.size() == 1 ? "" : "s",
      esc(format_amount(static_cast<double>(paths), 0)), esc(provenance.version),
      esc(provenance.date));
  out += "<section id=\"headline\"><h2>Headline</h2>" + headline_table(results) +
         "<ul class=\"outlook\">";
  for (const ScenarioResult& r : results) out += "<li>" + outlook_sentence(r) + "</li>";
  out += "</ul></section>\n";
  if (!results.empty()) {
    const SharedAxes axes = shared_axes(results);
    out += breakeven_section(results, axes) + "\n";
    out += cash_out_section(results, axes) + "\n";
    out += runway_section(results, axes) + "\n";
    out += funding_section(results, axes) + "\n";
    for (const FanKind& kind : kFanKinds) out += fan_section(results, axes, kind) + "\n";
  }
  out += assumptions_section(results) + "\n";
  out += provenance_section(results, provenance) + "\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace breakeven
