// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analysis_html.hpp"
#include "breakeven/report/sensitivity_report.hpp"
#include "breakeven/report/svg_chart.hpp"
#include "breakeven/report/text_format.hpp"

namespace breakeven {
namespace {

constexpr double kZ95 = 1.959963984540054;
constexpr const char* kOutputTitles[kSensitivityOutputs] = {
    "break-even month", "reaching the target", "cash-out first", "funding need"};

double end_p(const SensitivityInput& input, bool by_target, int side) {
  const TornadoEnd& end = (*input.tornado)[static_cast<std::size_t>(side)];
  if (by_target) return end.by_target ? end.by_target->p : NAN;
  return end.cash_out_first.p;
}

std::string tornado_chart(const SensitivityResult& r, std::size_t index, bool by_target) {
  const double base = by_target ? r.base.by_target->p : r.base.cash_out_first.p;
  std::vector<const SensitivityInput*> inputs;
  for (const auto& input : r.inputs)
    if (input.tornado) inputs.push_back(&input);
  auto swing = [&](const SensitivityInput* i) {
    return std::abs(end_p(*i, by_target, 1) - end_p(*i, by_target, 0));
  };
  std::stable_sort(inputs.begin(), inputs.end(),
                   [&](auto* a, auto* b) { return swing(a) > swing(b); });
  std::vector<html::HBarRow> rows;
  double lo = base, hi = base;
  for (const auto* input : inputs) {
    html::HBarRow row;
    row.label = input->label;
    for (int side = 0; side < 2; ++side) {
      const double p = end_p(*input, by_target, side);
      row.values.push_back(p);
      row.notes.push_back(
          fmt::format("{} at its {} percentile ({}): {}", input->label, side == 0 ? "10th" : "90th",
                      format_amount(side == 0 ? input->p10 : input->p90), format_percent(p)));
      lo = std::min(lo, p);
      hi = std::max(hi, p);
    }
    rows.push_back(std::move(row));
  }
  const std::string what =
      by_target ? fmt::format("P(break-even by {})", r.target.value_or("")) : "P(cash-out first)";
  return html::hbar_chart(fmt::format("tornado-{}-{}", by_target ? "target" : "cash-out", index),
                          fmt::format("{}: base {}, each input at its 10th and 90th percentile",
                                      what, format_percent(base)),
                          rows, base, lo, hi, 100, " %", {"series-0", "series-1"},
                          {"at the 10th percentile", "at the 90th percentile"});
}

std::string rank_chart(const SensitivityResult& r, std::size_t index, std::size_t output) {
  std::vector<html::HBarRow> rows;
  double reach = 0.1;  // the axis spans the largest interval, symmetric about 0
  for (const auto& input : r.inputs) {
    const RankCorrelation& rc = input.rank_correlation[output];
    if (std::isfinite(rc.rho)) reach = std::max(reach, std::abs(rc.rho) + kZ95 * rc.se);
    rows.push_back({input.label,
                    {rc.rho},
                    {kZ95 * rc.se},
                    {fmt::format("{}: rho {:+.3f} ± {:.3f}", input.label, rc.rho, rc.se)}});
  }
  return html::hbar_chart(
      fmt::format("rank-{}-{}", output, index),
      fmt::format("Rank correlation with {} (95 % interval)", kOutputTitles[output]), rows, 0, -1,
      1, 1, "", {"series-2"}, {});
}

std::string score_cell(double score) {
  return std::isfinite(score) ? fmt::format("{:+.2f}", score) : "–";
}

std::string tail_table(const SensitivityResult& r) {
  std::string out = fmt::format(
      "<p>{} paths cash out first; {} miss the target. Score = (median of the input on those "
      "paths − its median on all paths) / its sd; for events, rounds and raises the mean "
      "instead of the median, and the share of paths where it happened.</p>",
      format_amount(static_cast<double>(r.cash_out_first_paths), 0),
      format_amount(static_cast<double>(r.missed_target_paths), 0));
  out +=
      "<div class=\"scroll\"><table><thead><tr><th>Input</th><th>Kind</th>"
      "<th class=\"num\">Cash-out first</th><th class=\"num\">Missed target</th>"
      "<th class=\"num\">Happened: all</th><th class=\"num\">cash-out first</th>"
      "<th class=\"num\">missed target</th></tr></thead><tbody>";
  for (const auto& input : r.inputs) {
    out +=
        fmt::format("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
                    xml_escape(input.label), to_string(input.kind),
                    score_cell(input.tail.cash_out_first), score_cell(input.tail.missed_target));
    if (input.occurrence)
      out += fmt::format(
          "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
          format_percent(input.occurrence->all), format_percent(input.occurrence->cash_out_first),
          format_percent(input.occurrence->missed_target));
    else
      out += "<td></td><td></td><td></td>";
    out += "</tr>";
  }
  return out + "</tbody></table></div>";
}

}  // namespace

std::string render_sensitivity_html(const std::vector<SensitivityResult>& results,
                                    const RunProvenance& provenance) {
  std::string names;
  for (const auto& r : results) names += (names.empty() ? "" : ", ") + r.name;
  std::string out = html::page_start(
      "Sensitivity: " + names,
      fmt::format("breakeven {} · run {}", provenance.version, provenance.date), provenance);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const SensitivityResult& r = results[i];
    out += fmt::format(
        "<section id=\"sensitivity-{}\"><h2>{}</h2><p class=\"meta\"><code>{}</code>"
        " · {} paths · seed {}</p>",
        i, xml_escape(r.name), xml_escape(r.file), format_amount(static_cast<double>(r.paths), 0),
        r.seed);
    out += "<h3>Tornado</h3>";
    if (r.base.by_target) out += tornado_chart(r, i, true);
    out += tornado_chart(r, i, false);
    out += "<h3>Rank correlations</h3>";
    for (std::size_t o = 0; o < kSensitivityOutputs; ++o) out += rank_chart(r, i, o);
    out += "<h3>What drives the bad tail</h3>" + tail_table(r) + "</section>\n";
  }
  return out + html::page_end(provenance,
                              "Tornado: one input at a time fixed on every path, all other draws "
                              "unchanged (common random numbers). The same numbers are in "
                              "summary.json and sensitivity.csv next to this page.");
}

}  // namespace breakeven
