// SPDX-License-Identifier: MIT
#include <charconv>
#include <cmath>

#include "analysis_json.hpp"
#include "breakeven/report/precision_report.hpp"
#include "breakeven/report/sweep_report.hpp"

namespace breakeven {
namespace {

using Json = nlohmann::ordered_json;

Json number(double value) {
  return std::isfinite(value) ? Json(value) : Json(nullptr);
}

Json interval(double lo, double hi) {
  return Json::array({number(lo), number(hi)});
}

void put_figures(Json& out, const SweepFigures& f) {
  out["p_by_target"] = f.by_target ? number(f.by_target->p) : Json(nullptr);
  out["p_by_target_se"] = f.by_target ? number(f.by_target->se) : Json(nullptr);
  out["cash_out_first"] = number(f.cash_out_first.p);
  out["cash_out_first_se"] = number(f.cash_out_first.se);
  out["median_breakeven"] = f.median_breakeven;
  out["funding_need_p50"] = number(f.funding_need_p50);
  out["funding_need_p90"] = number(f.funding_need_p90);
  out["runway_p50"] = f.runway_p50;
  if (f.precision) {
    // Only with --precision, so a fixed sweep's report stays as it was.
    out["paths"] = f.paths;
    out["half_width"] = number(f.precision->half_width);
    out["rounds"] = f.precision->rounds;
    out["reached"] = f.precision->reached;
    out["stopped"] = precision_stop_reason(*f.precision);
  }
}

Json point_json(const SweepResult& sweep, const SweepPoint& point) {
  Json values = Json::object();
  for (std::size_t a = 0; a < sweep.keys.size(); ++a)
    values[sweep.keys[a]] = swept_value_json(point.values[a]);
  Json out = Json::object();
  out["values"] = std::move(values);
  put_figures(out, point.figures);
  if (point.by_target) {
    const PairedDifference& d = *point.by_target;
    out["diff_p_by_target"] = number(d.diff);
    out["diff_p_by_target_ci95"] = interval(d.lo, d.hi);
    out["unpaired_ci95"] = interval(d.unpaired_lo, d.unpaired_hi);
  } else {
    out["diff_p_by_target"] = nullptr;
    out["diff_p_by_target_ci95"] = nullptr;
    out["unpaired_ci95"] = nullptr;
  }
  const PairedDifference& c = point.cash_out_first;
  out["diff_cash_out_first"] = number(c.diff);
  out["diff_cash_out_first_ci95"] = interval(c.lo, c.hi);
  out["diff_cash_out_first_unpaired_ci95"] = interval(c.unpaired_lo, c.unpaired_hi);
  if (point.figures.precision) out["paired_paths"] = point.paired_paths;
  return out;
}

Json sweep_json(const SweepResult& sweep) {
  Json body = Json::object();
  body["keys"] = sweep.keys;
  Json base = Json::object();
  put_figures(base, sweep.base);
  base["runway_horizon_months"] = sweep.base.runway_horizon;
  body["base"] = std::move(base);
  Json points = Json::array();
  for (const auto& point : sweep.points) points.push_back(point_json(sweep, point));
  body["points"] = std::move(points);

  Json out = json::scenario_header(sweep);
  if (sweep.precision)
    out["precision"] = Json{{"target_half_width", sweep.precision->half_width},
                            {"max_paths", sweep.precision->max_paths}};
  out["sweep"] = std::move(body);
  return out;
}

}  // namespace

nlohmann::ordered_json swept_value_json(const std::string& toml_text) {
  double value = 0;
  const char* end = toml_text.data() + toml_text.size();
  const auto parsed = std::from_chars(toml_text.data(), end, value);
  if (parsed.ec == std::errc() && parsed.ptr == end && std::isfinite(value)) return value;
  const bool plain_string = toml_text.size() >= 2 && toml_text.front() == '"' &&
                            toml_text.back() == '"' &&
                            toml_text.find_first_of("\"\\", 1) == toml_text.size() - 1;
  if (plain_string) return toml_text.substr(1, toml_text.size() - 2);
  return toml_text;
}

std::string sweep_json_text(const std::vector<SweepResult>& sweeps) {
  Json out = Json::object();
  out["version"] = BREAKEVEN_VERSION;
  Json scenarios = Json::array();
  for (const auto& sweep : sweeps) scenarios.push_back(sweep_json(sweep));
  out["scenarios"] = std::move(scenarios);
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace breakeven
