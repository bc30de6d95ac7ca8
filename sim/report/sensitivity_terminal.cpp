// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "breakeven/report/sensitivity_report.hpp"
#include "breakeven/report/text_format.hpp"
#include "text_table.hpp"

namespace breakeven {
namespace {

constexpr int kHalfBar = 18;       // columns on each side of the base
constexpr std::size_t kRows = 15;  // tornado rows shown; the rest are summarised
constexpr std::size_t kTailRows = 12;

/// Three significant digits for rates and small amounts, grouped digits for large ones.
std::string value_text(double value) {
  return std::abs(value) >= 100 ? format_amount(value) : fmt::format("{:.3g}", value);
}

/// Which tornado: P(by target) (0) or P(cash-out first) (1).
double end_value(const SensitivityInput& input, int chart, int side) {
  const TornadoEnd& end = (*input.tornado)[static_cast<std::size_t>(side)];
  if (chart == 0) return end.by_target ? end.by_target->p : NAN;
  return end.cash_out_first.p;
}

/// A bar growing leftwards from the centre: full blocks, then a right-half or right-eighth block
/// for the remainder (the only right-anchored partial blocks Unicode has).
std::string left_bar(double columns) {
  const int full = static_cast<int>(columns);
  const double rest = columns - full;
  std::string bar = rest >= 0.5 ? "▐" : (rest >= 0.125 ? "▕" : "");
  for (int i = 0; i < full; ++i) bar += "█";
  return pad_to_width(bar, kHalfBar, true);
}

std::string right_bar(double columns) {
  return pad_to_width(eighth_block_bar(static_cast<int>(std::lround(columns * 8))), kHalfBar);
}

std::string tornado_bar(double base, double at_p10, double at_p90, double scale) {
  double left = 0, right = 0;
  for (double value : {at_p10, at_p90}) {
    if (!std::isfinite(value) || scale <= 0) continue;
    const double columns = std::abs(value - base) / scale * kHalfBar;
    (value < base ? left : right) = std::max(value < base ? left : right, columns);
  }
  return left_bar(left) + "│" + right_bar(right);
}

std::string tornado(const SensitivityResult& result, int chart, const std::string& title) {
  const double base = chart == 0 ? (result.base.by_target ? result.base.by_target->p : NAN)
                                 : result.base.cash_out_first.p;
  std::vector<const SensitivityInput*> rows;
  for (const auto& input : result.inputs)
    if (input.tornado) rows.push_back(&input);
  auto swing = [chart](const SensitivityInput* input) {
    const double s = std::abs(end_value(*input, chart, 1) - end_value(*input, chart, 0));
    return std::isfinite(s) ? s : 0.0;
  };
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const auto* a, const auto* b) { return swing(a) > swing(b); });
  double scale = 0;
  for (const auto* input : rows)
    for (int side = 0; side < 2; ++side)
      scale = std::max(scale, std::abs(end_value(*input, chart, side) - base));
  std::string out = fmt::format("{} — base {}\n", title, format_percent(base));
  text::TextTable table({"input", "p10 → p90", "at p10", "at p90",
                         fmt::format("{:>{}}│{:<{}}", "lower ◀", kHalfBar, "▶ higher", kHalfBar)},
                        {true, false, false, false, true});
  std::vector<std::string> still;
  std::size_t hidden = 0;
  for (const auto* input : rows) {
    if (swing(input) == 0) {
      still.push_back(input->label);
      continue;
    }
    if (table.size() >= kRows) {
      ++hidden;
      continue;
    }
    const double a = end_value(*input, chart, 0), b = end_value(*input, chart, 1);
    table.add_row({input->label,
                   fmt::format("{} → {}", value_text(input->p10), value_text(input->p90)),
                   format_percent(a), format_percent(b), tornado_bar(base, a, b, scale)});
  }
  out += table.render();
  if (hidden > 0)
    out += fmt::format("  … and {} inputs with smaller swings (see --json)\n", hidden);
  if (!still.empty()) {
    std::string names;
    for (const auto& name : still) names += (names.empty() ? "" : ", ") + name;
    out += fmt::format("  No effect at either end: {}\n", names);
  }
  return out;
}

std::string rho_text(const RankCorrelation& rc) {
  if (!std::isfinite(rc.rho)) return "–";
  std::string text = fmt::format("{:+.3f} ± {:.3f}", rc.rho, rc.se);
  if (text.rfind("-0.000 ", 0) == 0) text[0] = '+';  // no sign on a zero
  return text;
}

std::string rank_table(const SensitivityResult& result) {
  const std::string target = result.target.value_or("target");
  text::TextTable table({"input", "kind", "break-even month", fmt::format("by {}", target),
                         "cash-out first", "funding need"},
                        {true, true});
  for (const auto& input : result.inputs) {
    std::vector<std::string> row{input.label, std::string(to_string(input.kind))};
    for (const auto& rc : input.rank_correlation) row.push_back(rho_text(rc));
    table.add_row(row);
  }
  return "Rank correlation (Spearman ± se) of each input with each outcome, over all paths\n" +
         table.render();
}

std::string score_text(double score) {
  return std::isfinite(score) ? fmt::format("{:+.2f}", score) : "–";
}

std::string rate_text(const std::optional<OccurrenceRates>& rates) {
  if (!rates) return "";
  return fmt::format("{} → {} / {}", format_percent(rates->all),
                     format_percent(rates->cash_out_first), format_percent(rates->missed_target));
}

std::string tail_table(const SensitivityResult& result) {
  std::vector<const SensitivityInput*> rows;
  for (const auto& input : result.inputs) rows.push_back(&input);
  auto weight = [](const SensitivityInput* input) {
    double w = 0;
    for (double s : {input->tail.cash_out_first, input->tail.missed_target})
      if (std::isfinite(s)) w = std::max(w, std::abs(s));
    return w;
  };
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const auto* a, const auto* b) { return weight(a) > weight(b); });
  const std::string target = result.target.value_or("target");
  std::string out = fmt::format(
      "What drives the bad tail: {} paths cash out first, {} miss {}. Score = (median on those\n"
      "paths − median on all) / sd (means for events, rounds and raises); rate = share of paths\n"
      "with at least one occurrence, all → cash-out first / missed target.\n",
      format_amount(static_cast<double>(result.cash_out_first_paths), 0),
      format_amount(static_cast<double>(result.missed_target_paths), 0), target);
  text::TextTable table({"input", "cash-out first", fmt::format("missed {}", target), "rate"},
                        {true, false, false, true});
  for (const auto* input : rows) {
    if (table.size() >= kTailRows || weight(input) == 0) break;
    table.add_row({input->label, score_text(input->tail.cash_out_first),
                   score_text(input->tail.missed_target), rate_text(input->occurrence)});
  }
  return out + table.render();
}

}  // namespace

std::string render_sensitivity_terminal(const SensitivityResult& result,
                                        const TerminalStyle& style) {
  const std::string bold = style.color ? "\x1b[1m" : "", reset = style.color ? "\x1b[0m" : "";
  std::size_t parameters = 0;
  for (const auto& input : result.inputs) parameters += input.tornado ? 1u : 0u;
  std::string out =
      fmt::format("{}Sensitivity · {}{} · {} · {} paths · seed {}\n", bold, result.name, reset,
                  result.file, format_amount(static_cast<double>(result.paths), 0), result.seed);
  out += fmt::format(
      "  Tornado: each of the {} uncertain parameters fixed at its 10th and its 90th percentile\n"
      "  on every path, everything else drawn as usual (common random numbers).\n\n",
      parameters);
  if (result.base.by_target)
    out += tornado(result, 0, fmt::format("P(break-even by {})", *result.target)) + "\n";
  out += tornado(result, 1, "P(cash-out first)") + "\n";
  out += rank_table(result) + "\n";
  out += tail_table(result);
  return out;
}
}  // namespace breakeven
