// SPDX-License-Identifier: MIT
// A backtest as one self-contained HTML page: a fan per metric over the actuals' periods, each
// actual marked on it, and the table of scores.
#include <algorithm>
#include <cmath>
#include <tuple>

#include <fmt/format.h>

#include "breakeven/report/backtest_report.hpp"
#include "breakeven/report/svg_chart.hpp"
#include "breakeven/report/text_format.hpp"
#include "html_report_style.hpp"

namespace breakeven {
namespace {

std::string esc(std::string_view text) {
  return xml_escape(text);
}

// The fan colours of the run report, plus the actual's marker: a dark ring that reads on any
// band, filled red when it falls outside the 90 % band.
constexpr const char* kBacktestStyle = R"(
svg.chart .actual.dot { fill: #ffffff; stroke: #1f2328; stroke-width: 1.6; }
svg.chart .actual-out.dot { fill: var(--target); stroke: #1f2328; stroke-width: 1.2; }
svg.chart .actual, svg.chart .actual-out { fill: none; stroke: none; }
tr.out td { color: var(--target); }
.summary b { font-size: 1.1em; }
)";

std::string fan_class(ActualMetric metric) {
  switch (metric) {
    case ActualMetric::revenue:
      return "fan-revenue";
    case ActualMetric::net_income:
    case ActualMetric::operating_cash_flow:
      return "fan-net-income";
    case ActualMetric::cash:
      return "fan-cash";
  }
  return "fan-revenue";
}

std::string money_label(const BacktestResult& result) {
  std::string unit = result.money_unit == "1" ? std::string() : result.money_unit;
  if (!result.currency.empty()) unit += unit.empty() ? result.currency : " " + result.currency;
  return unit;
}

// One metric's judged actuals, ordered by the period's end (then its start, longer first).
std::vector<const ActualCheck*> checks_of(const BacktestResult& result, ActualMetric metric) {
  std::vector<const ActualCheck*> checks;
  for (const ActualCheck& check : result.checks)
    if (check.has_fan && check.actual.metric == metric) checks.push_back(&check);
  std::stable_sort(checks.begin(), checks.end(), [](const ActualCheck* a, const ActualCheck* b) {
    return std::tie(a->last_month, b->first_month) < std::tie(b->last_month, a->first_month);
  });
  return checks;
}

std::string metric_chart(const BacktestResult& result, ActualMetric metric,
                         const std::vector<const ActualCheck*>& checks) {
  double lo = 0, hi = 0;
  for (const ActualCheck* check : checks) {
    const double value = check->actual.value.value_or(check->score.p50);
    lo = std::min({lo, check->score.p05, value});
    hi = std::max({hi, check->score.p95, value});
  }
  SvgPlot plot(PlotLayout{}, nice_scale(lo, hi));
  plot.set_categories(checks.size());
  plot.left_axis(money_label(result));
  std::vector<std::string> labels, sublabels;
  for (const ActualCheck* check : checks) {
    labels.push_back(check->actual.period.label);
    sublabels.push_back(check->judged ? fmt::format("PIT {:.2f}", check->score.pit) : "to come");
  }
  plot.category_axis(labels, sublabels, "period");
  for (std::size_t slot = 0; slot < checks.size(); ++slot) {
    const ActualCheck& check = *checks[slot];
    const SampleScore& s = check.score;
    const double inset = plot.slot_width() * 0.18;
    const std::vector<double> xs{plot.slot_left(slot) + inset,
                                 plot.slot_left(slot) + plot.slot_width() - inset};
    auto flat = [&plot](double value) { return std::vector<double>{plot.y(value), plot.y(value)}; };
    plot.band(xs, flat(s.p05), flat(s.p95), "band-outer", "5–95 % of paths alive");
    plot.band(xs, flat(s.p25), flat(s.p75), "band-inner", "25–75 % of paths alive");
    plot.line(xs, flat(s.p50), "median");
    const std::string fan_text =
        fmt::format("median {}; 25–75 %: {} to {}; 5–95 %: {} to {}; {} of paths alive",
                    format_amount(s.p50), format_amount(s.p25), format_amount(s.p75),
                    format_amount(s.p05), format_amount(s.p95), format_percent(check.alive_share));
    std::string tip = check.actual.period.label + ": not reported yet; " + fan_text;
    if (check.judged) {
      plot.line({plot.slot_centre(slot)}, {plot.y(*check.actual.value)},
                s.inside_90 ? "actual" : "actual-out", true);
      tip = fmt::format("{}: actual {} ({}); PIT {:.3f}; CRPS {}; {}", check.actual.period.label,
                        format_amount(*check.actual.value), check.actual.source, s.pit,
                        format_amount(s.crps), fan_text);
    }
    plot.region(plot.slot_left(slot), plot.slot_left(slot) + plot.slot_width(), "hover", tip);
  }
  const std::string name(actual_metric_name(metric));
  return plot.svg(
      "backtest-" + name, fan_class(metric),
      fmt::format("{}: {} against the simulated fan, {}", result.name, name, money_label(result)));
}

std::string scores_table(const BacktestResult& result) {
  std::string out =
      R"(<div class="scroll"><table><thead><tr><th>Period</th><th>Metric</th>)"
      R"(<th class="num">Actual</th><th class="num">5 %</th><th class="num">25 %</th>)"
      R"(<th class="num">50 %</th><th class="num">75 %</th><th class="num">95 %</th>)"
      R"(<th class="num">PIT</th><th>50 % band</th><th>90 % band</th><th class="num">CRPS</th>)"
      R"(<th class="num">Alive</th><th>Source</th></tr></thead><tbody>)";
  for (const ActualCheck& check : result.checks) {
    const SampleScore& s = check.score;
    const std::string head = fmt::format(
        "<td>{}</td><td>{}</td><td class=\"num\">{}</td>", esc(check.actual.period.label),
        esc(actual_metric_name(check.actual.metric)),
        check.actual.value ? esc(format_amount(*check.actual.value)) : "not yet reported");
    if (!check.has_fan) {
      out += fmt::format(R"(<tr>{}<td colspan="10">not judged: {}</td><td>{}</td></tr>)", head,
                         esc(check.reason), esc(check.actual.source));
      continue;
    }
    out += fmt::format(
        R"(<tr{}>{}<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td>)"
        R"(<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td>)"
        R"(<td>{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>)",
        !check.judged || s.inside_90 ? "" : R"( class="out")", head, esc(format_amount(s.p05)),
        esc(format_amount(s.p25)), esc(format_amount(s.p50)), esc(format_amount(s.p75)),
        esc(format_amount(s.p95)), check.judged ? fmt::format("{:.3f}", s.pit) : "–",
        !check.judged ? "–"
        : s.inside_50 ? "inside"
                      : "outside",
        !check.judged ? "–"
        : s.inside_90 ? "inside"
                      : "outside",
        check.judged ? esc(format_amount(s.crps)) : "–", esc(format_percent(check.alive_share)),
        esc(check.actual.source));
  }
  return out + "</tbody></table></div>";
}

}  // namespace

std::string render_backtest_html(const BacktestResult& result, const RunProvenance& provenance) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      esc("Backtest: " + result.name) + "</title>\n<style>" +
      std::string(html::report_stylesheet()) + kBacktestStyle + "</style>\n</head>\n<body>\n";
  out += fmt::format(
      "<header><h1>Backtest: {}</h1><p class=\"meta\">data as of {} · scenario <code>{}</code> "
      "against <code>{}</code> · simulated {} to {} · {} paths · seed {} · money in {}</p>"
      "</header>\n",
      esc(result.name), esc(result.as_of.empty() ? "(not given)" : result.as_of), esc(result.file),
      esc(result.actuals_file), esc(result.start), esc(result.horizon),
      esc(format_amount(static_cast<double>(result.paths), 0)), result.seed,
      esc(money_label(result)));
  if (result.judged > 0)
    out += fmt::format(
        "<section id=\"summary\"><h2>Summary</h2><p class=\"summary\"><b>{}</b> actuals judged · "
        "inside the 50 % band <b>{}</b> · inside the 90 % band <b>{}</b> · mean PIT <b>{:.3f}</b> "
        "· mean CRPS <b>{}</b></p><p class=\"how\">Honest bands hold about half and nine in ten "
        "of the actuals; a mean PIT far from 0.5 means the forecasts ran high (below 0.5) or "
        "low (above). PIT is the share of simulated paths below the actual; CRPS is the "
        "distance between the whole simulated distribution and the actual, in money.</p>"
        "</section>\n",
        result.judged, esc(format_percent(result.coverage_50)),
        esc(format_percent(result.coverage_90)), result.mean_pit,
        esc(format_amount(result.mean_crps)));
  else
    out +=
        "<section id=\"summary\"><h2>Summary</h2><p>No actual lies inside the simulated "
        "months.</p></section>\n";
  out +=
      "<section id=\"fans\"><h2>Fans with the actuals</h2><p class=\"how\">Each column is "
      "one reported period: the simulated 5–95 % and 25–75 % bands and median of that "
      "metric over that period among the paths still alive at its end, and the actual as a "
      "ring (filled red when outside the 90 % band).</p><div class=\"grid\">";
  for (ActualMetric metric : {ActualMetric::revenue, ActualMetric::net_income,
                              ActualMetric::operating_cash_flow, ActualMetric::cash}) {
    const auto checks = checks_of(result, metric);
    if (checks.empty()) continue;
    out += fmt::format("<figure><figcaption><span class=\"stat\">{}</span></figcaption>{}</figure>",
                       esc(actual_metric_name(metric)), metric_chart(result, metric, checks));
  }
  out += "</div></section>\n<section id=\"actuals\"><h2>Every actual</h2>" + scores_table(result) +
         "</section>\n";
  out += fmt::format(
      "<section id=\"provenance\"><h2>Provenance</h2><p class=\"meta\">breakeven {} · run {} · "
      "command <code>{}</code> · in <code>{}</code></p></section>\n</body>\n</html>\n",
      esc(provenance.version), esc(provenance.date), esc(provenance.command),
      esc(provenance.working_directory));
  return out;
}

}  // namespace breakeven
