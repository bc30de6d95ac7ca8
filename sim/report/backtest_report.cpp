// SPDX-License-Identifier: MIT
// A backtest as terminal text, JSON and CSV.
#include "breakeven/report/backtest_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "breakeven/report/csv_report.hpp"
#include "breakeven/report/text_format.hpp"

namespace breakeven {
namespace {

using Json = nlohmann::ordered_json;

std::string money_label(const BacktestResult& result) {
  std::string unit = result.money_unit == "1" ? std::string() : result.money_unit;
  if (!result.currency.empty()) unit += unit.empty() ? result.currency : " " + result.currency;
  return unit;
}

// Decimals that keep a row's figures readable: a company's quarter and its year-end cash
// differ by a hundred times, so each row gets its own, as a fan row in the run report does.
int row_decimals(const ActualCheck& check) {
  double largest = check.actual.value ? std::abs(*check.actual.value) : 0;
  if (check.has_fan)
    largest = std::max({largest, std::abs(check.score.p05), std::abs(check.score.p95)});
  return amount_decimals(largest);
}

std::string row_text(const std::vector<std::string>& cells) {
  // period, metric, then right-aligned numbers; the widths fit 亿-scale figures and percentages.
  constexpr int kWidths[] = {8, 19, 8, 8, 8, 8, 8, 8, 6, 4, 4, 7, 7};
  std::string out = " ";
  for (std::size_t i = 0; i < cells.size(); ++i)
    out += " " + pad_to_width(cells[i], kWidths[i], i >= 2);
  return out + "\n";
}

std::string check_row(const ActualCheck& check) {
  const int decimals = row_decimals(check);
  const SampleScore& s = check.score;
  auto amount = [decimals](double value) { return format_amount(value, decimals); };
  const bool judged = check.judged;
  return row_text(
      {check.actual.period.label, std::string(actual_metric_name(check.actual.metric)),
       judged ? amount(*check.actual.value) : "—", amount(s.p05), amount(s.p25), amount(s.p50),
       amount(s.p75), amount(s.p95), judged ? fmt::format("{:.3f}", s.pit) : "—",
       judged ? (s.inside_50 ? "in" : "out") : "—", judged ? (s.inside_90 ? "in" : "out") : "—",
       judged ? amount(s.crps) : "—", format_percent(check.alive_share)});
}

std::string booked_notes(const BacktestResult& result) {
  std::string out;
  for (const ActualCheck& check : result.checks)
    if (check.has_fan && !check.booked_from.empty())
      out += fmt::format("  {} {}: includes {} booked before the start ({})\n",
                         check.actual.period.label, actual_metric_name(check.actual.metric),
                         format_amount(check.booked, row_decimals(check)), check.booked_from);
  return out;
}

}  // namespace

std::string render_backtest_terminal(const BacktestResult& result, const TerminalStyle& style) {
  const auto bold = [&style](const std::string& text) {
    return style.color ? "\x1b[1m" + text + "\x1b[0m" : text;
  };
  std::string out = bold(fmt::format("Backtest: {} — {} against {}", result.name, result.file,
                                     result.actuals_file)) +
                    "\n";
  const std::string unit = money_label(result);
  out += fmt::format("  data as of {} · {} … {} · {} paths · seed {} · money in {}\n\n",
                     result.as_of.empty() ? "(not given)" : result.as_of, result.start,
                     result.horizon, format_amount(static_cast<double>(result.paths), 0),
                     result.seed, unit.empty() ? "currency units" : unit);
  out += row_text({"period", "metric", "actual", "p05", "p25", "p50", "p75", "p95", "PIT", "50%",
                   "90%", "CRPS", "alive"});
  for (const ActualCheck& check : result.checks)
    if (check.has_fan) out += check_row(check);
  out += booked_notes(result);
  bool any_skipped = false;
  for (const ActualCheck& check : result.checks) {
    if (check.has_fan) continue;
    if (!any_skipped) out += "\n  Not judged:\n";
    any_skipped = true;
    out += fmt::format("  {} {} {} (line {}): {}\n", pad_to_width(check.actual.period.label, 8),
                       pad_to_width(actual_metric_name(check.actual.metric), 19),
                       check.actual.value ? format_amount(*check.actual.value) : "—",
                       check.actual.line, check.reason);
  }
  out += "\n";
  if (result.judged == 0) {
    out += "  No reported figure lies inside the simulated months.\n";
    return out;
  }
  out += bold(fmt::format(
             "  {} actuals judged · inside 50 % band {} · inside 90 % band {} · mean PIT {:.3f} "
             "· mean CRPS {}",
             result.judged, format_percent(result.coverage_50), format_percent(result.coverage_90),
             result.mean_pit, format_amount(result.mean_crps))) +
         "\n";
  out +=
      "  (honest bands hold about 50 % and 90 % of actuals; a mean PIT far from 0.5 is a bias)\n";
  return out;
}

Json backtest_to_json(const BacktestResult& result) {
  Json checks = Json::array();
  for (const ActualCheck& check : result.checks) {
    Json row = Json::object();
    row["metric"] = actual_metric_name(check.actual.metric);
    row["period"] = check.actual.period.label;
    row["first_month"] = check.first_month;
    row["last_month"] = check.last_month;
    row["value"] = check.actual.value ? Json(*check.actual.value) : Json(nullptr);
    row["source"] = check.actual.source;
    row["line"] = check.actual.line;
    row["judged"] = check.judged;
    row["reason"] = check.has_fan ? Json(nullptr) : Json(check.reason);
    row["booked"] = check.booked;
    row["booked_from"] = check.booked_from.empty() ? Json(nullptr) : Json(check.booked_from);
    row["alive"] = check.alive_share;
    row["alive_paths"] = check.alive;
    if (check.has_fan) {
      const SampleScore& s = check.score;
      row["fan"] =
          Json{{"p05", s.p05}, {"p25", s.p25}, {"p50", s.p50}, {"p75", s.p75}, {"p95", s.p95}};
    } else {
      row["fan"] = nullptr;
    }
    if (check.judged) {
      const SampleScore& s = check.score;
      row["pit"] = s.pit;
      row["inside_50"] = s.inside_50;
      row["inside_90"] = s.inside_90;
      row["crps"] = s.crps;
    } else {
      row["pit"] = nullptr;
      row["inside_50"] = nullptr;
      row["inside_90"] = nullptr;
      row["crps"] = nullptr;
    }
    checks.push_back(std::move(row));
  }
  Json summary = Json::object();
  summary["judged"] = result.judged;
  summary["not_judged"] = static_cast<int>(result.checks.size()) - result.judged;
  int pending = 0;
  for (const ActualCheck& check : result.checks) pending += check.has_fan && !check.judged ? 1 : 0;
  summary["fan_only"] = pending;
  const bool any = result.judged > 0;
  summary["coverage_50"] = any ? Json(result.coverage_50) : Json(nullptr);
  summary["coverage_90"] = any ? Json(result.coverage_90) : Json(nullptr);
  summary["mean_pit"] = any ? Json(result.mean_pit) : Json(nullptr);
  summary["mean_crps"] = any ? Json(result.mean_crps) : Json(nullptr);
  Json out = Json::object();
  out["name"] = result.name;
  out["file"] = result.file;
  out["actuals_file"] = result.actuals_file;
  out["as_of"] = result.as_of.empty() ? Json(nullptr) : Json(result.as_of);
  out["paths"] = result.paths;
  out["seed"] = result.seed;
  out["money_unit"] = result.money_unit;
  out["currency"] = result.currency;
  out["start"] = result.start;
  out["horizon"] = result.horizon;
  out["actuals"] = std::move(checks);
  out["summary"] = std::move(summary);
  return Json{{"backtest", std::move(out)}};
}

std::string backtest_json_text(const BacktestResult& result) {
  return backtest_to_json(result).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string backtest_csv(const BacktestResult& result) {
  std::string out =
      "metric,period,first_month,last_month,value,source,judged,reason,booked,booked_from,alive,"
      "alive_share,"
      "p05,p25,p50,p75,p95,pit,inside_50,inside_90,crps\n";
  for (const ActualCheck& check : result.checks) {
    const SampleScore& s = check.score;
    auto fan = [&check](double value) { return check.has_fan ? csv_number(value) : ""; };
    auto number = [&check](double value) { return check.judged ? csv_number(value) : ""; };
    auto flag = [&check](bool value) {
      return check.judged ? std::string(value ? "true" : "false") : std::string();
    };
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                       actual_metric_name(check.actual.metric),
                       csv_field(check.actual.period.label), check.first_month, check.last_month,
                       check.actual.value ? csv_number(*check.actual.value) : "",
                       csv_field(check.actual.source), check.judged ? "true" : "false",
                       csv_field(check.reason), csv_number(check.booked),
                       csv_field(check.booked_from), check.alive, csv_number(check.alive_share),
                       fan(s.p05), fan(s.p25), fan(s.p50), fan(s.p75), fan(s.p95), number(s.pit),
                       flag(s.inside_50), flag(s.inside_90), number(s.crps));
  }
  return out;
}

std::vector<OutputFile> build_backtest_output_files(const BacktestResult& result,
                                                    const RunProvenance& provenance) {
  return {
      {"backtest.json", backtest_json_text(result)},
      {"backtest.csv", backtest_csv(result)},
      {"report.html", render_backtest_html(result, provenance)},
  };
}

}  // namespace breakeven
