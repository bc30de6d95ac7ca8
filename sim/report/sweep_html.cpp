// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analysis_html.hpp"
#include "breakeven/report/svg_chart.hpp"
#include "breakeven/report/sweep_report.hpp"
#include "breakeven/report/text_format.hpp"

namespace breakeven {
namespace {

std::string value_text(const std::string& toml_text) {
  const auto json = swept_value_json(toml_text);
  // Four significant digits: a LO:HI:N value is exact to 12, which a label need not show.
  return json.is_string() ? json.get<std::string>() : fmt::format("{:.4g}", json.get<double>());
}

/// The x positions of the points: the numbers themselves when every value is one, else slots.
struct XAxis {
  bool numeric = true;
  std::vector<double> values;
};

XAxis x_axis(const SweepResult& sweep) {
  XAxis axis;
  for (const auto& point : sweep.points) {
    const auto json = swept_value_json(point.values[0]);
    if (!json.is_number()) axis.numeric = false;
    axis.values.push_back(json.is_number() ? json.get<double>() : 0.0);
  }
  return axis;
}

/// The change against the base with the paired band over the (wider) unpaired one.
std::string difference_chart(const SweepResult& sweep, std::size_t index, bool by_target) {
  std::vector<const PairedDifference*> diffs;
  for (const auto& point : sweep.points)
    diffs.push_back(by_target ? (point.by_target ? &*point.by_target : nullptr)
                              : &point.cash_out_first);
  double lo = 0, hi = 0;
  for (const auto* d : diffs)
    if (d != nullptr) lo = std::min(lo, d->unpaired_lo), hi = std::max(hi, d->unpaired_hi);
  SvgPlot plot(PlotLayout{}, nice_scale(lo, hi));
  const XAxis axis = x_axis(sweep);
  std::vector<double> xs;
  if (axis.numeric) {
    const auto [min, max] = std::minmax_element(axis.values.begin(), axis.values.end());
    plot.set_x_range(*min, *max > *min ? *max : *min + 1);
    for (double v : axis.values) xs.push_back(plot.x(v));
  } else {
    plot.set_categories(sweep.points.size());
    for (std::size_t i = 0; i < sweep.points.size(); ++i) xs.push_back(plot.slot_centre(i));
  }
  std::vector<double> mid, paired_lo, paired_hi, unpaired_lo, unpaired_hi;
  for (const auto* d : diffs) {
    mid.push_back(plot.y(d ? d->diff : 0));
    paired_lo.push_back(plot.y(d ? d->lo : 0));
    paired_hi.push_back(plot.y(d ? d->hi : 0));
    unpaired_lo.push_back(plot.y(d ? d->unpaired_lo : 0));
    unpaired_hi.push_back(plot.y(d ? d->unpaired_hi : 0));
  }
  plot.left_axis("change, points", 100);
  if (axis.numeric) {
    const auto [min, max] = std::minmax_element(axis.values.begin(), axis.values.end());
    plot.linear_axis(nice_scale(*min, *max), sweep.keys[0]);
  } else {
    std::vector<std::string> labels;
    for (const auto& point : sweep.points) labels.push_back(value_text(point.values[0]));
    plot.category_axis(labels, {}, sweep.keys[0]);
  }
  plot.band(xs, unpaired_lo, unpaired_hi, "band-unpaired", "unpaired 95 % interval");
  plot.band(xs, paired_lo, paired_hi, "band-paired", "paired 95 % interval");
  plot.rule(0, "baseline");
  plot.line(xs, mid, "diff", true);
  const std::string what = by_target ? fmt::format("P(break-even by {})", sweep.target.value_or(""))
                                     : std::string("P(cash-out first)");
  return fmt::format(
      "<figure><figcaption>Change in {} against the base; dark band: paired 95 % interval, "
      "light band: what two independent runs would give</figcaption>{}</figure>",
      xml_escape(what),
      plot.svg(fmt::format("sweep-{}-{}", by_target ? "target" : "cash-out", index),
               "chart chart-sweep", "Change in " + what));
}

/// Colour from white to the chart blue by a share in [0, 1].
std::string heat_colour(double share) {
  const double t = std::isfinite(share) ? std::clamp(share, 0.0, 1.0) : 0.0;
  auto mix = [t](int from, int to) {
    return static_cast<int>(std::lround(from + (to - from) * t));
  };
  return fmt::format("rgb({},{},{})", mix(247, 45), mix(249, 79), mix(252, 117));
}

std::string heat_map(const SweepResult& sweep, std::size_t index, bool by_target) {
  const std::size_t columns = sweep.points.empty() ? 0 : [&] {
    std::size_t n = 1;
    while (n < sweep.points.size() && sweep.points[n].values[0] == sweep.points[0].values[0]) ++n;
    return n;
  }();
  const std::size_t rows_count = columns == 0 ? 0 : sweep.points.size() / columns;
  constexpr double kCell = 46, kLeft = 90, kTop = 10, kBottom = 40;
  std::string body;
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    const SweepPoint& point = sweep.points[i];
    const double p = by_target ? (point.figures.by_target ? point.figures.by_target->p : NAN)
                               : point.figures.cash_out_first.p;
    const double x = kLeft + kCell * static_cast<double>(i % columns);
    const double y = kTop + kCell * static_cast<double>(i / columns);
    body += fmt::format(
        R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}={}, {}={}: {}</title></rect>)",
        svg_number(x), svg_number(y), svg_number(kCell - 1), svg_number(kCell - 1), heat_colour(p),
        xml_escape(sweep.keys[0]), xml_escape(value_text(point.values[0])),
        xml_escape(sweep.keys[1]), xml_escape(value_text(point.values[1])), format_percent(p));
    body += fmt::format(R"(<text class="cell-text" x="{}" y="{}" fill="{}">{}</text>)",
                        svg_number(x + kCell / 2), svg_number(y + kCell / 2 + 3),
                        p > 0.55 ? "#fff" : "#222", xml_escape(format_percent(p)));
    if (i % columns == 0)
      body +=
          fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", svg_number(kLeft - 6),
                      svg_number(y + kCell / 2 + 3), xml_escape(value_text(point.values[0])));
    if (i < columns)
      body += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)",
                          svg_number(x + kCell / 2),
                          svg_number(kTop + kCell * static_cast<double>(rows_count) + 14),
                          xml_escape(value_text(point.values[1])));
  }
  const double width = kLeft + kCell * static_cast<double>(columns) + 10;
  const double height = kTop + kCell * static_cast<double>(rows_count) + kBottom;
  const std::string what = by_target ? fmt::format("P(break-even by {})", sweep.target.value_or(""))
                                     : std::string("P(cash-out first)");
  return fmt::format(
      R"(<figure><figcaption>{}: rows {}, columns {}</figcaption><svg id="sweep-heat-{}-{}" )"
      R"(class="chart chart-heat" viewBox="0 0 {} {}" role="img"><title>{}</title>{}</svg></figure>)",
      xml_escape(what), xml_escape(sweep.keys[0]), xml_escape(sweep.keys[1]),
      by_target ? "target" : "cash-out", index, svg_number(width), svg_number(height),
      xml_escape(what), body);
}

std::string points_table(const SweepResult& sweep) {
  std::string out = "<div class=\"scroll\"><table><thead><tr>";
  for (const auto& key : sweep.keys) out += "<th>" + xml_escape(key) + "</th>";
  out +=
      fmt::format("<th class=\"num\">P(by {})</th>", xml_escape(sweep.target.value_or("target")));
  if (sweep.precision) out += "<th class=\"num\">Paths</th><th class=\"num\">±95 %</th>";
  out += fmt::format(
      "<th class=\"num\">Δ</th><th class=\"num\">paired 95 %</th>"
      "<th class=\"num\">unpaired 95 %</th><th>Median</th><th class=\"num\">Cash-out first</th>"
      "<th class=\"num\">Δ</th><th class=\"num\">paired 95 %</th></tr></thead><tbody>");
  auto cell = [](const std::string& text) {
    return "<td class=\"num\">" + xml_escape(text) + "</td>";
  };
  auto pct = [](const std::optional<Estimate>& e) { return e ? format_percent(e->p) : "–"; };
  auto interval = [](double lo, double hi) {
    return fmt::format("{:+.2f} … {:+.2f}", lo * 100, hi * 100);
  };
  for (const auto& point : sweep.points) {
    out += "<tr>";
    for (const auto& value : point.values) out += "<td>" + xml_escape(value_text(value)) + "</td>";
    out += cell(pct(point.figures.by_target));
    if (const auto& p = point.figures.precision)
      out += cell(format_amount(static_cast<double>(point.figures.paths), 0)) +
             cell(fmt::format("±{:.3g}{}", p->half_width * 100, p->reached ? "" : " (max)"));
    if (point.by_target)
      out += cell(fmt::format("{:+.2f}", point.by_target->diff * 100)) +
             cell(interval(point.by_target->lo, point.by_target->hi)) +
             cell(interval(point.by_target->unpaired_lo, point.by_target->unpaired_hi));
    else
      out += "<td></td><td></td><td></td>";
    out += "<td>" + xml_escape(point.figures.median_breakeven) + "</td>";
    out += cell(format_percent(point.figures.cash_out_first.p)) +
           cell(fmt::format("{:+.2f}", point.cash_out_first.diff * 100)) +
           cell(interval(point.cash_out_first.lo, point.cash_out_first.hi));
    out += "</tr>";
  }
  return out + "</tbody></table></div>";
}

}  // namespace

std::string render_sweep_html(const std::vector<SweepResult>& sweeps,
                              const RunProvenance& provenance) {
  std::string names;
  for (const auto& s : sweeps) names += (names.empty() ? "" : ", ") + s.name;
  std::string out = html::page_start(
      "Sweep: " + names, fmt::format("breakeven {} · run {}", provenance.version, provenance.date),
      provenance);
  for (std::size_t i = 0; i < sweeps.size(); ++i) {
    const SweepResult& s = sweeps[i];
    out += fmt::format(
        "<section id=\"sweep-{}\"><h2>{}</h2><p class=\"meta\"><code>{}</code> · {} paths · "
        "seed {} · base: P(by {}) {}, cash-out first {}</p>",
        i, xml_escape(s.name), xml_escape(s.file),
        format_amount(static_cast<double>(s.precision ? s.base.paths : s.paths), 0), s.seed,
        xml_escape(s.target.value_or("target")),
        s.base.by_target ? format_percent(s.base.by_target->p) : "–",
        format_percent(s.base.cash_out_first.p));
    if (s.keys.size() == 1) {
      if (s.base.by_target) out += difference_chart(s, i, true);
      out += difference_chart(s, i, false);
    } else if (s.keys.size() == 2) {
      if (s.base.by_target) out += heat_map(s, i, true);
      out += heat_map(s, i, false);
    }
    if (s.precision) out += "<p class=\"meta\">" + xml_escape(render_sweep_stop_line(s)) + "</p>";
    out += points_table(s) + "</section>\n";
  }
  return out + html::page_end(provenance,
                              "Every point runs on the same paths as the base (common random "
                              "numbers), so a change is measured path by path. Differences are "
                              "in percentage points. The same numbers are in summary.json and "
                              "sweep.csv next to this page.");
}

}  // namespace breakeven
