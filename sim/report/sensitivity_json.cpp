// SPDX-License-Identifier: MIT
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis_json.hpp"
#include "breakeven/report/csv_report.hpp"
#include "breakeven/report/sensitivity_report.hpp"

namespace breakeven {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kOutputNames[kSensitivityOutputs] = {"breakeven_month", "by_target",
                                                           "cash_out_first", "funding_need"};

Json number(double value) {
  return std::isfinite(value) ? Json(value) : Json(nullptr);
}

Json probability(const std::optional<Estimate>& estimate) {
  return estimate ? number(estimate->p) : Json(nullptr);
}

Json tornado_json(const SensitivityInput& input) {
  if (!input.tornado) return nullptr;
  const auto& ends = *input.tornado;
  return Json{{"p_by_target",
               Json::array({probability(ends[0].by_target), probability(ends[1].by_target)})},
              {"cash_out_first",
               Json::array({number(ends[0].cash_out_first.p), number(ends[1].cash_out_first.p)})}};
}

Json input_json(const SensitivityInput& input) {
  Json out = Json::object();
  out["key"] = input.key;
  out["label"] = input.label;
  out["kind"] = to_string(input.kind);
  out["p10"] = number(input.p10);
  out["p90"] = number(input.p90);
  out["tornado"] = tornado_json(input);
  Json rho = Json::object(), se = Json::object();
  for (std::size_t o = 0; o < kSensitivityOutputs; ++o) {
    rho[kOutputNames[o]] = number(input.rank_correlation[o].rho);
    se[kOutputNames[o]] = number(input.rank_correlation[o].se);
  }
  out["rank_correlation"] = std::move(rho);
  out["rank_correlation_se"] = std::move(se);
  out["tail"] = Json{{"cash_out_first", number(input.tail.cash_out_first)},
                     {"missed_target", number(input.tail.missed_target)}};
  out["occurrence_rate"] = input.occurrence
                               ? Json{{"all", number(input.occurrence->all)},
                                      {"cash_out_first", number(input.occurrence->cash_out_first)},
                                      {"missed_target", number(input.occurrence->missed_target)}}
                               : Json(nullptr);
  return out;
}

Json scenario_json(const SensitivityResult& result) {
  Json body = Json::object();
  body["base"] =
      Json{{"p_by_target", probability(result.base.by_target)},
           {"p_by_target_se", result.base.by_target ? number(result.base.by_target->se) : Json()},
           {"cash_out_first", number(result.base.cash_out_first.p)},
           {"cash_out_first_se", number(result.base.cash_out_first.se)}};
  body["cash_out_first_paths"] = result.cash_out_first_paths;
  body["missed_target_paths"] = result.missed_target_paths;
  Json inputs = Json::array();
  for (const auto& input : result.inputs) inputs.push_back(input_json(input));
  body["inputs"] = std::move(inputs);

  Json out = json::scenario_header(result);
  out["sensitivity"] = std::move(body);
  return out;
}

}  // namespace

std::string_view to_string(InputKind kind) {
  switch (kind) {
    case InputKind::parameter:
      return "parameter";
    case InputKind::event:
      return "event";
    case InputKind::round:
      return "round";
    case InputKind::raises:
      return "raises";
  }
  return "parameter";
}

std::string sensitivity_json_text(const std::vector<SensitivityResult>& results) {
  Json out = Json::object();
  out["version"] = BREAKEVEN_VERSION;
  Json scenarios = Json::array();
  for (const auto& result : results) scenarios.push_back(scenario_json(result));
  out["scenarios"] = std::move(scenarios);
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string sensitivity_csv(const std::vector<SensitivityResult>& results) {
  std::string text =
      "scenario,key,label,kind,p10,p90,tornado_p_by_target_at_p10,tornado_p_by_target_at_p90,"
      "tornado_cash_out_first_at_p10,tornado_cash_out_first_at_p90,rho_breakeven_month,"
      "rho_breakeven_month_se,rho_by_target,rho_by_target_se,rho_cash_out_first,"
      "rho_cash_out_first_se,rho_funding_need,rho_funding_need_se,tail_cash_out_first,"
      "tail_missed_target,occurrence_all,occurrence_cash_out_first,occurrence_missed_target\n";
  auto p = [](const std::optional<Estimate>& e) { return csv_number(e ? e->p : NAN); };
  for (const auto& result : results) {
    for (const auto& input : result.inputs) {
      std::string row = fmt::format(
          "{},{},{},{},{},{}", csv_field(result.name), csv_field(input.key), csv_field(input.label),
          to_string(input.kind), csv_number(input.p10), csv_number(input.p90));
      if (input.tornado) {
        const auto& ends = *input.tornado;
        row +=
            fmt::format(",{},{},{},{}", p(ends[0].by_target), p(ends[1].by_target),
                        csv_number(ends[0].cash_out_first.p), csv_number(ends[1].cash_out_first.p));
      } else {
        row += ",,,,";
      }
      for (const RankCorrelation& rc : input.rank_correlation)
        row += fmt::format(",{},{}", csv_number(rc.rho), csv_number(rc.se));
      row += fmt::format(",{},{}", csv_number(input.tail.cash_out_first),
                         csv_number(input.tail.missed_target));
      if (input.occurrence)
        row += fmt::format(",{},{},{}", csv_number(input.occurrence->all),
                           csv_number(input.occurrence->cash_out_first),
                           csv_number(input.occurrence->missed_target));
      else
        row += ",,,";
      text += row + "\n";
    }
  }
  return text;
}

}  // namespace breakeven
