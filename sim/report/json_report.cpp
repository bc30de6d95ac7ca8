// SPDX-License-Identifier: MIT
#include "breakeven/report/json_report.hpp"

#include <cmath>

namespace breakeven {
namespace {

using Json = nlohmann::ordered_json;

// nlohmann prints NaN as null anyway; saying so explicitly keeps the contract visible.
Json number(double value) {
  return std::isfinite(value) ? Json(value) : Json(nullptr);
}

// Adds "<name>": p and "<name>_se": se, the convention for every probability in the report.
void put(Json& object, const std::string& name, const Estimate& estimate) {
  object[name] = number(estimate.p);
  object[name + "_se"] = number(estimate.se);
}

Json breakeven_json(const BreakevenResult& breakeven) {
  Json out = Json::object();
  out["metric"] = to_string(breakeven.metric);
  out["period"] = to_string(breakeven.period);
  out["target"] = breakeven.target ? Json(*breakeven.target) : Json(nullptr);
  if (breakeven.by_target) {
    put(out, "p_by_target", *breakeven.by_target);
  } else {
    out["p_by_target"] = nullptr;
    out["p_by_target_se"] = nullptr;
  }
  Json distribution = Json::array();
  for (const auto& row : breakeven.distribution) {
    Json item = Json::object();
    item["period"] = row.period;
    item["p"] = number(row.p);
    item["cumulative"] = number(row.cumulative);
    item["se"] = number(row.se);
    distribution.push_back(std::move(item));
  }
  out["distribution"] = std::move(distribution);
  put(out, "not_within_horizon", breakeven.not_within_horizon);
  put(out, "cash_out_first", breakeven.cash_out_first);
  out["quantiles"] = Json{{"p10", breakeven.p10}, {"p50", breakeven.p50}, {"p90", breakeven.p90}};
  return out;
}

Json cash_out_json(const CashOutResult& cash_out) {
  Json out = Json::object();
  put(out, "probability", cash_out.probability);
  Json by_year = Json::object();
  Json by_year_se = Json::object();
  Json by_year_before = Json::object();
  for (const auto& year : cash_out.by_year) {
    by_year[year.year] = number(year.estimate.p);
    by_year_se[year.year] = number(year.estimate.se);
    by_year_before[year.year] = number(year.before_breakeven.p);
  }
  out["by_year"] = std::move(by_year);
  out["by_year_se"] = std::move(by_year_se);
  put(out, "before_breakeven", cash_out.before_breakeven);
  put(out, "after_breakeven", cash_out.after_breakeven);
  out["by_year_before_breakeven"] = std::move(by_year_before);
  return out;
}

Json runway_json(const RunwayResult& runway) {
  Json out = Json::object();
  out["p10"] = runway.p10;
  out["p50"] = runway.p50;
  out["p90"] = runway.p90;
  put(out, "p_lt_12", runway.lt12);
  put(out, "p_lt_24", runway.lt24);
  put(out, "p_lt_36", runway.lt36);
  put(out, "beyond_horizon", runway.beyond_horizon);
  // A quantile equal to horizon_months means "beyond the horizon", not exactly that many months.
  out["horizon_months"] = runway.horizon_months;
  Json shares = Json::array();
  for (const double share : runway.share_by_month) shares.push_back(number(share));
  out["share_by_month"] = std::move(shares);
  return out;
}

Json funding_need_json(const FundingNeedResult& need) {
  Json out = Json::object();
  out["mean"] = number(need.mean);
  out["p50"] = number(need.p50);
  out["p90"] = number(need.p90);
  out["p95"] = number(need.p95);
  put(out, "p_none", need.none);
  Json histogram = Json::array();
  for (const auto& bin : need.histogram)
    histogram.push_back(Json{{"lo", number(bin.lo)}, {"hi", number(bin.hi)}, {"p", number(bin.p)}});
  out["histogram"] = std::move(histogram);
  return out;
}

Json fan_json(const std::vector<FanPoint>& points) {
  Json out = Json::object();
  for (const auto& point : points) {
    out[point.year] = Json{{"p05", number(point.p05)},
                           {"p25", number(point.p25)},
                           {"p50", number(point.p50)},
                           {"p75", number(point.p75)},
                           {"p95", number(point.p95)},
                           {"alive", number(point.alive)},
                           // A first or last fiscal year cut by the start or horizon is partial.
                           {"months", point.months}};
  }
  return out;
}

Json milestones_json(const std::vector<MilestoneResult>& milestones) {
  Json out = Json::array();
  for (const MilestoneResult& milestone : milestones) {
    Json item = Json::object();
    item["name"] = milestone.name;
    item["planned"] = milestone.planned;
    put(item, "success", milestone.success);
    // Among the paths where it succeeded; empty labels when it never did.
    item["success_month"] = Json{{"mean_months_from_start", number(milestone.mean_month)},
                                 {"p10", milestone.p10},
                                 {"p50", milestone.p50},
                                 {"p90", milestone.p90}};
    Json shares = Json::array();
    for (const double share : milestone.share_by_month) shares.push_back(number(share));
    item["share_by_month"] = std::move(shares);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

nlohmann::ordered_json scenario_to_json(const ScenarioResult& result) {
  Json out = Json::object();
  out["name"] = result.name;
  out["file"] = result.file;
  out["paths"] = result.paths;
  out["seed"] = result.seed;
  out["money_unit"] = result.money_unit;
  out["currency"] = result.currency;
  out["start"] = result.start;
  out["horizon"] = result.horizon;
  out["as_of"] = result.as_of.empty() ? Json(nullptr) : Json(result.as_of);
  out["breakeven"] = breakeven_json(result.breakeven);
  out["cash_out"] = cash_out_json(result.cash_out);
  out["runway_months"] = runway_json(result.runway);
  out["funding_need"] = funding_need_json(result.funding_need);
  out["fan"] = Json{{"revenue", fan_json(result.fans.revenue)},
                    {"net_income", fan_json(result.fans.net_income)},
                    {"cash", fan_json(result.fans.cash)}};
  // Only with milestones: the report of a scenario without them is unchanged.
  if (!result.milestones.empty()) out["milestones"] = milestones_json(result.milestones);
  // An array, not an object: two assumptions may share a key (e.g. repeated events).
  Json assumptions = Json::array();
  for (const auto& assumption : result.assumptions)
    assumptions.push_back(Json{{"key", assumption.key}, {"value", assumption.value}});
  out["assumptions"] = std::move(assumptions);
  out["warnings"] = result.warnings;
  return out;
}

namespace {

Json count_rows_json(const std::vector<CountRow>& rows) {
  Json list = Json::array();
  for (const CountRow& row : rows) {
    Json p = Json::array(), se = Json::array();
    for (const Estimate& estimate : row.p) {
      p.push_back(number(estimate.p));
      se.push_back(number(estimate.se));
    }
    Json item = Json::object();
    item["year"] = row.year;
    item["p"] = std::move(p);
    item["p_se"] = std::move(se);
    list.push_back(std::move(item));
  }
  return list;
}

void put_optional(Json& object, const std::string& name, const std::optional<Estimate>& estimate) {
  if (estimate) {
    put(object, name, *estimate);
  } else {
    object[name] = nullptr;
    object[name + "_se"] = nullptr;
  }
}

}  // namespace

nlohmann::ordered_json joint_to_json(const JointResult& joint) {
  Json out = Json::object();
  out["scenarios"] = joint.scenarios;
  out["breakeven_count"] = count_rows_json(joint.breakeven_count);
  out["cash_out_count"] = count_rows_json(joint.cash_out_count);
  put_optional(out, "all_by_target", joint.all_by_target);
  put_optional(out, "none_by_target", joint.none_by_target);
  Json pairs = Json::array();
  for (const PairResult& pair : joint.pairs) {
    Json item = Json::object();
    item["a"] = pair.a;
    item["b"] = pair.b;
    put(item, "a_first", pair.a_first);
    put(item, "b_first", pair.b_first);
    put(item, "same_month", pair.same_month);
    put(item, "neither", pair.neither);
    pairs.push_back(std::move(item));
  }
  out["pairs"] = std::move(pairs);
  return out;
}

nlohmann::ordered_json to_json(const std::vector<ScenarioResult>& results,
                               const JointResult* joint) {
  Json out = Json::object();
  out["version"] = BREAKEVEN_VERSION;
  Json scenarios = Json::array();
  for (const auto& result : results) scenarios.push_back(scenario_to_json(result));
  out["scenarios"] = std::move(scenarios);
  // A run of one scenario, or of files of one company, has no joint results: the key is then
  // present but empty.
  out["joint"] = joint ? joint_to_json(*joint) : Json::object();
  return out;
}

}  // namespace breakeven
