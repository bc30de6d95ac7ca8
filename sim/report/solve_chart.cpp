// SPDX-License-Identifier: MIT
// The page of a `solve`: the estimate against the searched key, with the target line.
#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "breakeven/analysis/precision_run.hpp"
#include "breakeven/report/solve_report.hpp"
#include "breakeven/report/svg_chart.hpp"
#include "breakeven/report/text_format.hpp"
#include "html_report_style.hpp"

namespace breakeven {
namespace {

// Lines of this chart the run report's stylesheet has no class for.
constexpr const char* kSolveStyle = R"(
svg.chart .target-rule { stroke: var(--target); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg.chart .estimate { fill: none; stroke: var(--cum); stroke-width: 2; }
svg.chart .estimate.dot { fill: var(--cum); stroke: none; }
svg.chart .ci-band { fill: var(--cum); opacity: 0.15; }
table.evaluations td, table.evaluations th { text-align: right; padding: 0 0.8em; }
.solve-charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
                gap: 1.5em; max-width: 1100px; }
)";

/// The key's window a chart shows, in ticks.
struct Window {
  std::int64_t lo, hi;
};

/// Dates plot as fractional years, so the axis reads 2026, 2027 rather than month ordinals.
double x_of(const SolveKey& key, std::int64_t tick) {
  if (key.kind != KeyKind::date) return key.value(tick);
  return static_cast<double>(tick) / 12.0;
}

std::string axis_title(const SolveResult& r) {
  if (r.key.kind == KeyKind::money && r.money_unit != "1")
    return fmt::format("{} ({})", r.key.key, r.money_unit);
  return r.key.kind == KeyKind::date ? r.key.key + " (year)" : r.key.key;
}

std::string chart(const SolveResult& r, Window window, const std::string& id) {
  std::vector<SolveEvaluation> shown;
  for (const SolveEvaluation& e : r.evaluations)
    if (e.tick >= window.lo && e.tick <= window.hi) shown.push_back(e);
  double lo_y = r.condition.target, hi_y = r.condition.target;
  for (const SolveEvaluation& e : shown) {
    lo_y = std::min(lo_y, e.estimate - kZ95 * e.se);
    hi_y = std::max(hi_y, e.estimate + kZ95 * e.se);
  }
  SvgPlot plot(PlotLayout{}, nice_scale(std::max(0.0, lo_y), std::min(1.0, hi_y)));
  const NiceScale x_scale = nice_scale(x_of(r.key, window.lo), x_of(r.key, window.hi));
  plot.set_x_range(x_scale.lo, x_scale.hi);
  plot.left_axis(to_string(r.condition.output) + " (%)", 100, "");
  plot.linear_axis(x_scale, axis_title(r));
  std::vector<double> xs, ys, lower, upper;
  for (const SolveEvaluation& e : shown) {
    xs.push_back(plot.x(x_of(r.key, e.tick)));
    ys.push_back(plot.y(e.estimate));
    lower.push_back(plot.y(e.estimate - kZ95 * e.se));
    upper.push_back(plot.y(e.estimate + kZ95 * e.se));
  }
  plot.band(xs, lower, upper, "ci-band", "95 % interval of the estimate");
  plot.line(xs, ys, "estimate", true);
  plot.rule(r.condition.target, "target-rule");
  if (r.status == SolveStatus::solved) {
    plot.marker(plot.x(x_of(r.key, r.value)), "answer " + r.key.text(r.value), "target-marker");
    plot.marker(plot.x(x_of(r.key, r.interval_lo)), "95 % low", "stat-marker", 1);
    plot.marker(plot.x(x_of(r.key, r.interval_hi)), "95 % high", "stat-marker", 2);
  }
  return plot.svg(id, "chart solve",
                  fmt::format("{} against {}, with the target {}", to_string(r.condition.output),
                              r.key.key, r.condition.target));
}

/// The whole range, and with an answer a close-up around its interval (the interval twice over,
/// at least ten grid steps), where the crossing can be seen.
std::string charts(const SolveResult& r) {
  std::string out = "<div class=\"solve-charts\"><figure>" +
                    chart(r, {r.range.lo, r.range.hi}, "solve") +
                    "<figcaption>The whole range searched.</figcaption></figure>";
  if (r.status == SolveStatus::solved) {
    const std::int64_t margin = std::max<std::int64_t>(r.interval_hi - r.interval_lo, 5);
    const Window close{std::max(r.range.lo, r.interval_lo - margin),
                       std::min(r.range.hi, r.interval_hi + margin)};
    out += "<figure>" + chart(r, close, "solve-close") +
           "<figcaption>Close-up: the answer and where each end of the 95 % interval crosses the "
           "target.</figcaption></figure>";
  }
  return out + "</div>";
}

std::string evaluations_table(const SolveResult& r) {
  std::string table =
      "<table class=\"evaluations\"><thead><tr><th>" + xml_escape(r.key.key) +
      "</th><th>estimate</th><th>± se</th><th>95 % interval</th></tr></thead><tbody>";
  for (const SolveEvaluation& e : r.evaluations)
    table +=
        fmt::format("<tr><td>{}</td><td>{:.4f}</td><td>{:.4f}</td><td>{:.4f} … {:.4f}</td></tr>",
                    xml_escape(r.key.text(e.tick)), e.estimate, e.se, e.estimate - kZ95 * e.se,
                    e.estimate + kZ95 * e.se);
  return table + "</tbody></table>";
}

}  // namespace

std::string render_solve_html(const SolveResult& r, const RunProvenance& provenance) {
  const std::string title = fmt::format("{}: {} for {}", r.name, r.key.key, r.condition.text());
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      xml_escape(title) + "</title>\n<style>" + std::string(html::report_stylesheet()) +
      kSolveStyle + "</style>\n</head>\n<body>\n";
  out += fmt::format(
      "<header><h1>{}</h1><p class=\"meta\">{} · {} paths, seed {}, the same paths for every "
      "value · breakeven {} · run {}</p></header>\n",
      xml_escape(title), xml_escape(r.file), format_amount(static_cast<double>(r.paths), 0), r.seed,
      xml_escape(provenance.version), xml_escape(provenance.date));
  const std::string answer =
      r.status == SolveStatus::solved
          ? fmt::format(
                "The {} value that holds is <strong>{}</strong>; where each end of the "
                "95 % interval of {} crosses {}: {} to {}.",
                r.largest ? "largest" : "smallest", xml_escape(r.key.text(r.value)),
                to_string(r.condition.output), r.condition.target,
                xml_escape(r.key.text(r.interval_lo)), xml_escape(r.key.text(r.interval_hi)))
          : xml_escape(unsolved_message(r));
  out += "<section id=\"answer\"><h2>Answer</h2><p>" + answer + "</p>";
  out += charts(r) + "</section>\n";
  out += "<section id=\"evaluations\"><h2>Evaluations</h2>" + evaluations_table(r) + "</section>\n";
  out += "<section id=\"provenance\"><h2>Provenance</h2><p><code>" +
         xml_escape(provenance.command) + "</code></p></section>\n</body>\n</html>\n";
  return out;
}

}  // namespace breakeven
