// SPDX-License-Identifier: MIT
#include "html_joint.hpp"

#include <fmt/format.h>

#include "breakeven/report/svg_chart.hpp"
#include "breakeven/report/text_format.hpp"

namespace breakeven::html {
namespace {

std::string esc(std::string_view text) {
  return xml_escape(text);
}

std::string percent_cell(const Estimate& e) {
  return fmt::format(R"(<td class="num">{} <span class="se">± {}</span></td>)",
                     esc(format_percent(e.p)), esc(format_se_points(e.se)));
}

/// P(at least k of the scenarios by the end of the year), for the chart's lines.
double at_least(const CountRow& row, std::size_t k) {
  double p = 0;
  for (std::size_t j = k; j < row.p.size(); ++j) p += row.p[j].p;
  return p;
}

std::string count_chart(const JointResult& joint) {
  const std::vector<CountRow>& rows = joint.breakeven_count;
  SvgPlot plot(PlotLayout{560, 260, 46, 110, 12, 38}, nice_scale(0, 1, 5));
  plot.set_categories(rows.size());
  plot.left_axis("share of paths", 100, " %");
  std::vector<std::string> years;
  for (const CountRow& row : rows) years.push_back(row.year);
  plot.category_axis(years, std::vector<std::string>(years.size()), "by the end of");
  const std::size_t n = joint.scenarios.size();
  for (std::size_t k = 1; k <= n; ++k) {
    std::vector<double> xs, ys;
    for (std::size_t y = 0; y < rows.size(); ++y) {
      xs.push_back(plot.slot_centre(y));
      ys.push_back(plot.y(at_least(rows[y], k)));
    }
    const std::string css = fmt::format("joint-line joint-k{}", (k - 1) % 4 + 1);
    plot.line(xs, ys, css, true);
    const std::string label = k == n ? fmt::format("all {}", n) : fmt::format("at least {}", k);
    plot.text(plot.plot_right() + 6, ys.back() + 3, label, css + " joint-label");
  }
  return plot.svg("joint-breakeven-count", "chart chart-joint",
                  "How many have broken even by year");
}

std::string count_table(const JointResult& joint) {
  std::string out = R"(<div class="scroll"><table class="joint-count"><thead><tr><th>Year</th>)";
  for (std::size_t k = 0; k <= joint.scenarios.size(); ++k)
    out += fmt::format(R"(<th class="num">exactly {}</th>)", k);
  out += "</tr></thead><tbody>";
  for (const CountRow& row : joint.breakeven_count) {
    out += "<tr><td>" + esc(row.year) + "</td>";
    for (const Estimate& e : row.p) out += percent_cell(e);
    out += "</tr>";
  }
  return out + "</tbody></table></div>";
}

std::string pair_table(const JointResult& joint) {
  std::string out =
      R"(<div class="scroll"><table class="joint-pairs"><thead><tr><th>A</th><th>B</th>)"
      R"(<th class="num">A first</th><th class="num">B first</th>)"
      R"(<th class="num">same month</th><th class="num">neither</th></tr></thead><tbody>)";
  for (const PairResult& pair : joint.pairs)
    out += "<tr><td>" + esc(pair.a) + "</td><td>" + esc(pair.b) + "</td>" +
           percent_cell(pair.a_first) + percent_cell(pair.b_first) + percent_cell(pair.same_month) +
           percent_cell(pair.neither) + "</tr>";
  return out + "</tbody></table></div>";
}

}  // namespace

std::string joint_section(const JointResult& joint) {
  std::string out = R"(<section id="joint"><h2>Joint results</h2><p class="note">)";
  out += "Simulated path by path together, sharing each calendar month's sector shock. ";
  if (joint.all_by_target && joint.none_by_target)
    out += fmt::format("Every company breaks even by its own target on {} of paths, none on {}.",
                       esc(format_percent(joint.all_by_target->p)),
                       esc(format_percent(joint.none_by_target->p)));
  out += "</p><h3>How many have broken even by year</h3>" + count_chart(joint) + count_table(joint);
  out +=
      "<h3>Who breaks even first</h3><p class=\"note\">Comparing the months in which the two "
      "break-even periods end; the four shares of a row sum to 100 %.</p>" +
      pair_table(joint) + "</section>";
  return out;
}

std::string_view joint_stylesheet() {
  return R"(
svg.chart-joint { max-width: 720px; }
svg.chart .joint-line { fill: none; stroke-width: 2; }
svg.chart .joint-line.dot { stroke: none; }
svg.chart .joint-k1 { stroke: #1d4ed8; fill: #1d4ed8; }
svg.chart .joint-k2 { stroke: #0f766e; fill: #0f766e; }
svg.chart .joint-k3 { stroke: #b45309; fill: #b45309; }
svg.chart .joint-k4 { stroke: #7c3aed; fill: #7c3aed; }
svg.chart .joint-label { stroke: none; font-size: 10px; }
)";
}

}  // namespace breakeven::html
