// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include "breakeven/report/sweep_report.hpp"
#include "breakeven/report/text_format.hpp"
#include "text_table.hpp"

namespace breakeven {
namespace {

std::string money_unit_label(const SweepResult& sweep) {
  std::string unit = sweep.money_unit == "1" ? std::string() : sweep.money_unit;
  if (!sweep.currency.empty()) unit += unit.empty() ? sweep.currency : " " + sweep.currency;
  return unit;
}

std::string estimate_text(const std::optional<Estimate>& estimate) {
  if (!estimate) return "–";
  return fmt::format("{} ± {}", format_percent(estimate->p), format_se_points(estimate->se));
}

std::string runway_text(const SweepFigures& f) {
  return f.runway_p50 >= f.runway_horizon ? std::string("beyond")
                                          : fmt::format("{} mo", f.runway_p50);
}

/// The paths a row used and the 95 % half-width its headline reached ("max" when the run
/// stopped at --max-paths first).
std::vector<std::string> precision_cells(const SweepFigures& f) {
  if (!f.precision) return {};
  return {
      format_amount(static_cast<double>(f.paths), 0),
      fmt::format("±{:.3g}{}", f.precision->half_width * 100, f.precision->reached ? "" : " max")};
}

std::vector<std::string> figure_cells(const SweepFigures& f, const PairedDifference* by_target,
                                      const PairedDifference* cash_out) {
  std::vector<std::string> cells;
  cells.push_back(estimate_text(f.by_target));
  for (auto& cell : precision_cells(f)) cells.push_back(std::move(cell));
  cells.push_back(by_target ? text::signed_points(by_target->diff) : "");
  cells.push_back(by_target ? text::points_interval(by_target->lo, by_target->hi) : "");
  cells.push_back(by_target ? text::points_interval(by_target->unpaired_lo, by_target->unpaired_hi)
                            : "");
  cells.push_back(f.median_breakeven);
  cells.push_back(format_percent(f.cash_out_first.p));
  cells.push_back(cash_out ? text::signed_points(cash_out->diff) : "");
  cells.push_back(cash_out ? text::points_interval(cash_out->lo, cash_out->hi) : "");
  cells.push_back(format_amount(f.funding_need_p50));
  cells.push_back(format_amount(f.funding_need_p90));
  cells.push_back(runway_text(f));
  return cells;
}

}  // namespace

std::string render_sweep_terminal(const SweepResult& sweep, const TerminalStyle& style) {
  const std::string target = sweep.target.value_or("target");
  const std::string unit = money_unit_label(sweep);
  std::vector<std::string> header = sweep.keys;
  std::vector<bool> left(sweep.keys.size(), true);
  header.push_back(fmt::format("P(by {})", target));
  if (sweep.precision) header.insert(header.end(), {"paths", "±95 % (points)"});
  for (const std::string& name :
       {std::string("Δ"), std::string("paired 95 %"), std::string("unpaired 95 %"),
        std::string("median"), std::string("cash-out first"), std::string("Δ"),
        std::string("paired 95 %"),
        unit.empty() ? std::string("need p50") : fmt::format("need p50 ({})", unit),
        std::string("need p90"), std::string("runway p50")})
    header.push_back(name);
  text::TextTable table(header, left);
  std::vector<std::string> base(sweep.keys.size(), "");
  base[0] = "base";
  for (auto& cell : figure_cells(sweep.base, nullptr, nullptr)) base.push_back(cell);
  table.add_row(base);
  for (const SweepPoint& point : sweep.points) {
    std::vector<std::string> row;
    for (const auto& value : point.values) {
      // Numbers with four significant digits (LO:HI:N values carry 12); the rest as written.
      const auto json = swept_value_json(value);
      row.push_back(json.is_number() ? fmt::format("{:.4g}", json.get<double>()) : value);
    }
    for (auto& cell : figure_cells(point.figures, point.by_target ? &*point.by_target : nullptr,
                                   &point.cash_out_first))
      row.push_back(cell);
    table.add_row(row);
  }
  const std::string bold = style.color ? "\x1b[1m" : "", reset = style.color ? "\x1b[0m" : "";
  const std::string paths =
      sweep.precision ? fmt::format("to ±{:.3g} points", sweep.precision->half_width * 100)
                      : fmt::format("{} paths", format_amount(static_cast<double>(sweep.paths), 0));
  std::string out = fmt::format("{}Sweep · {}{} · {} · {} · seed {}\n", bold, sweep.name, reset,
                                sweep.file, paths, sweep.seed);
  out += fmt::format(
      "  {} points on the same paths (common random numbers). Δ is the change against the base,\n"
      "  paired path by path; the unpaired interval is what two independent runs would give.\n\n",
      sweep.points.size());
  out += table.render();
  if (sweep.precision)
    out +=
        "\n  Δ is paired on the paths both the point and the base ran (the fewer of the two).\n" +
        render_sweep_stop_line(sweep);
  return out;
}

}  // namespace breakeven
