// SPDX-License-Identifier: MIT
#include "breakeven/report/solve_report.hpp"

#include <fmt/format.h>

#include "breakeven/analysis/precision_run.hpp"
#include "breakeven/report/csv_report.hpp"
#include "breakeven/report/text_format.hpp"

namespace breakeven {
namespace {

using Json = nlohmann::ordered_json;

Json key_value(const SolveKey& key, std::int64_t tick) {
  if (key.kind == KeyKind::date) return key.text(tick);
  if (key.kind == KeyKind::months) return tick;
  return key.value(tick);
}

bool holds(const SolveResult& r, const SolveEvaluation& e) {
  return r.condition.at_least ? e.estimate >= r.condition.target : e.estimate <= r.condition.target;
}

std::string status_name(SolveStatus status) {
  switch (status) {
    case SolveStatus::solved:
      return "solved";
    case SolveStatus::nowhere:
      return "nowhere";
    case SolveStatus::everywhere:
      return "everywhere";
    case SolveStatus::reversed:
      return "reversed";
  }
  return {};
}

/// A key value with its unit for prose: "31.27 亿", "2027-06", "0.125", "18 months".
std::string with_unit(const SolveResult& r, std::int64_t tick) {
  if (r.key.kind == KeyKind::money)
    return r.money_unit == "1" ? r.key.text(tick) : r.key.text(tick) + " " + r.money_unit;
  if (r.key.kind == KeyKind::months) return r.key.text(tick) + " months";
  return r.key.text(tick);
}

std::string interval_text(const SolveResult& r) {
  return fmt::format("{}{} … {}{}", r.interval_lo_open ? "≤ " : "", with_unit(r, r.interval_lo),
                     r.interval_hi_open ? "≥ " : "", with_unit(r, r.interval_hi));
}

/// The 95 % half-width of the estimate at the answer.
double half_width_at_value(const SolveResult& r) {
  for (const SolveEvaluation& e : r.evaluations)
    if (e.tick == r.value) return kZ95 * e.se;
  return 0;
}

}  // namespace

Json solve_to_json(const SolveResult& r) {
  Json s;
  s["file"] = r.file;
  s["name"] = r.name;
  s["key"] = r.key.key;
  s["kind"] = to_string(r.key.kind);
  s["output"] = to_string(r.condition.output);
  s["comparison"] = r.condition.at_least ? ">=" : "<=";
  s["target"] = r.condition.target;
  s["largest"] = r.largest;
  s["paths"] = r.paths;
  s["seed"] = r.seed;
  s["money_unit"] = r.money_unit;
  s["range"] = Json::array({key_value(r.key, r.range.lo), key_value(r.key, r.range.hi)});
  s["default_range"] = r.default_range;
  const bool solved = r.status == SolveStatus::solved;
  s["precision"] = r.precision ? Json(*r.precision) : Json();
  s["half_width_at_value"] = solved ? Json(half_width_at_value(r)) : Json();
  s["status"] = status_name(r.status);
  s["value"] = solved ? key_value(r.key, r.value) : Json();
  s["interval"] =
      solved ? Json::array({key_value(r.key, r.interval_lo), key_value(r.key, r.interval_hi)})
             : Json();
  s["interval_open"] = solved ? Json::array({r.interval_lo_open, r.interval_hi_open}) : Json();
  s["message"] = solved ? Json() : Json(unsolved_message(r));
  s["evaluations"] = Json::array();
  for (const SolveEvaluation& e : r.evaluations)
    s["evaluations"].push_back({{"value", key_value(r.key, e.tick)},
                                {"estimate", e.estimate},
                                {"se", e.se},
                                {"holds", holds(r, e)}});
  Json json;
  json["solve"] = std::move(s);
  return json;
}

std::string solve_json_text(const SolveResult& result) {
  return solve_to_json(result).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string solve_evaluations_csv(const SolveResult& r) {
  std::string csv = "value,estimate,se,lower_95,upper_95,holds\n";
  for (const SolveEvaluation& e : r.evaluations)
    csv += fmt::format("{},{},{},{},{},{}\n", csv_field(r.key.text(e.tick)), csv_number(e.estimate),
                       csv_number(e.se), csv_number(e.estimate - kZ95 * e.se),
                       csv_number(e.estimate + kZ95 * e.se), holds(r, e) ? "true" : "false");
  return csv;
}

std::string render_solve_terminal(const SolveResult& r) {
  std::string out = fmt::format("{} — {}: the {} {} for which {}\n", r.name, r.file,
                                r.largest ? "largest" : "smallest", r.key.key, r.condition.text());
  out +=
      fmt::format("  {} paths · seed {} · the same paths for every value · range {} … {}{}\n",
                  format_amount(static_cast<double>(r.paths), 0), r.seed, with_unit(r, r.range.lo),
                  with_unit(r, r.range.hi), r.default_range ? " (default)" : "");
  if (r.precision)
    out += fmt::format(
        "  --precision {}: {} paths for a 95 % half-width of ±{:.3g} points at the "
        "target\n",
        *r.precision, format_amount(static_cast<double>(r.paths), 0), *r.precision * 100);
  if (r.status != SolveStatus::solved)
    out += "\n  No answer: " + unsolved_message(r) + "\n";
  else
    out += fmt::format("\n  Answer: {} = {}   (95 % interval {})\n", r.key.key,
                       with_unit(r, r.value), interval_text(r));
  if (r.status == SolveStatus::solved && r.precision)
    out += fmt::format("  The estimate at the answer is known to ±{:.3g} points (goal ±{:.3g}).\n",
                       half_width_at_value(r) * 100, *r.precision * 100);
  out += fmt::format("\n  {:>12}  {:>9}  {:>8}  {:>19}  {}\n", "value", "estimate", "± se",
                     "95 % interval", "holds");
  for (const SolveEvaluation& e : r.evaluations)
    out += fmt::format("  {:>12}  {:>9.4f}  {:>8.4f}  {:>8.4f} … {:<8.4f}  {}\n",
                       r.key.text(e.tick), e.estimate, e.se, e.estimate - kZ95 * e.se,
                       e.estimate + kZ95 * e.se, holds(r, e) ? "yes" : "no");
  return out;
}

std::vector<OutputFile> solve_output_files(const SolveResult& result,
                                           const RunProvenance& provenance) {
  // The page last, as in a run's set: it refers to the files before it.
  return {{"solve.json", solve_json_text(result)},
          {"solve_evaluations.csv", solve_evaluations_csv(result)},
          {"solve.html", render_solve_html(result, provenance)}};
}

}  // namespace breakeven
