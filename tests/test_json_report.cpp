// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include <string>

#include "breakeven/report/json_report.hpp"

using breakeven::ScenarioResult;

namespace {

// A hand-made result with round numbers, so every field can be checked by value.
ScenarioResult sample_result() {
  ScenarioResult r;
  r.name = "MetaX";
  r.file = "scenarios/metax.toml";
  r.money_unit = "亿";
  r.currency = "CNY";
  r.paths = 100000;
  r.seed = 42;
  r.start = "2025-07";
  r.horizon = "2027-12";
  r.breakeven.metric = breakeven::Metric::net_income;
  r.breakeven.period = breakeven::PeriodKind::year;
  r.breakeven.target = "2026";
  r.breakeven.by_target = breakeven::Estimate{0.5, 0.0016};
  r.breakeven.distribution = {
      {"2025", 0.0, 0.0, 0.0}, {"2026", 0.5, 0.5, 0.0016}, {"2027", 0.25, 0.75, 0.0014}};
  r.breakeven.not_within_horizon = {0.125, 0.001};
  r.breakeven.cash_out_first = {0.125, 0.001};
  r.breakeven.p10 = "2026";
  r.breakeven.p50 = "2026";
  r.breakeven.p90 = "never";
  r.cash_out.probability = {0.125, 0.001};
  r.cash_out.before_breakeven = {0.1, 0.0009};
  r.cash_out.after_breakeven = {0.025, 0.0005};
  r.cash_out.by_year = {{"2025", {0.0, 0.0}, {0.0, 0.0}},
                        {"2026", {0.0625, 0.0008}, {0.0625, 0.0008}},
                        {"2027", {0.0625, 0.0008}, {0.0375, 0.0006}}};
  r.runway.horizon_months = 30;
  r.runway.p10 = 14;
  r.runway.p50 = 30;
  r.runway.p90 = 30;
  r.runway.lt12 = {0.02, 0.0004};
  r.runway.lt24 = {0.2, 0.0013};
  r.runway.lt36 = {0.4, 0.0015};
  r.runway.beyond_horizon = {0.5, 0.0016};
  r.funding_need = {12.5, 8.0, 30.25, 41.0, {0.25, 0.0014}, {{0.0, 1.0, 0.5}}};
  r.fans.revenue = {{"2025", 1, 2, 3, 4, 5, 1.0, 6}, {"2026", 2, 3, 4, 5, 6, 0.9}};
  r.fans.net_income = {{"2025", -5, -4, -3, -2, -1, 1.0}, {"2026", -4, -3, -2, -1, 0, 0.9}};
  r.fans.cash = {{"2025", 10, 11, 12, 13, 14, 1.0}, {"2026", 5, 6, 7, 8, 9, 0.9}};
  r.warnings = {"correlation repaired"};
  return r;
}

}  // namespace

TEST_CASE("to_json has the SPEC section 4 shape", "[json]") {
  const auto json = breakeven::to_json({sample_result()});
  REQUIRE(json.contains("scenarios"));
  REQUIRE(json["scenarios"].is_array());
  REQUIRE(json["scenarios"].size() == 1);
  CHECK(json["version"] == BREAKEVEN_VERSION);
  CHECK(json["joint"].is_object());

  const auto& s = json["scenarios"][0];
  CHECK(s["name"] == "MetaX");
  CHECK(s["file"] == "scenarios/metax.toml");
  CHECK(s["paths"] == 100000);
  CHECK(s["seed"] == 42);
  CHECK(s["money_unit"] == "亿");
  CHECK(s["currency"] == "CNY");
  CHECK(s["start"] == "2025-07");
  CHECK(s["horizon"] == "2027-12");

  const auto& be = s["breakeven"];
  CHECK(be["metric"] == "net_income");
  CHECK(be["period"] == "year");
  CHECK(be["target"] == "2026");
  CHECK(be["p_by_target"] == 0.5);
  CHECK(be["p_by_target_se"] == 0.0016);
  REQUIRE(be["distribution"].size() == 3);
  CHECK(be["distribution"][1]["period"] == "2026");
  CHECK(be["distribution"][1]["p"] == 0.5);
  CHECK(be["distribution"][2]["cumulative"] == 0.75);
  CHECK(be["distribution"][2]["se"] == 0.0014);
  CHECK(be["not_within_horizon"] == 0.125);
  CHECK(be["not_within_horizon_se"] == 0.001);
  CHECK(be["cash_out_first"] == 0.125);
  CHECK(be["cash_out_first_se"] == 0.001);
  CHECK(be["quantiles"]["p10"] == "2026");
  CHECK(be["quantiles"]["p50"] == "2026");
  CHECK(be["quantiles"]["p90"] == "never");

  const auto& co = s["cash_out"];
  CHECK(co["probability"] == 0.125);
  CHECK(co["probability_se"] == 0.001);
  CHECK(co["by_year"]["2026"] == 0.0625);
  CHECK(co["by_year_se"]["2026"] == 0.0008);
  CHECK(co["before_breakeven"] == 0.1);
  CHECK(co["before_breakeven_se"] == 0.0009);
  CHECK(co["after_breakeven"] == 0.025);
  CHECK(co["by_year_before_breakeven"]["2027"] == 0.0375);

  const auto& rw = s["runway_months"];
  CHECK(rw["p10"] == 14);
  CHECK(rw["p50"] == 30);
  CHECK(rw["p90"] == 30);
  CHECK(rw["p_lt_12"] == 0.02);
  CHECK(rw["p_lt_24"] == 0.2);
  CHECK(rw["p_lt_36"] == 0.4);
  CHECK(rw["beyond_horizon"] == 0.5);
  CHECK(rw["beyond_horizon_se"] == 0.0016);
  CHECK(rw["horizon_months"] == 30);

  const auto& fn = s["funding_need"];
  CHECK(fn["mean"] == 12.5);
  CHECK(fn["p50"] == 8.0);
  CHECK(fn["p90"] == 30.25);
  CHECK(fn["p95"] == 41.0);
  CHECK(fn["p_none"] == 0.25);
  CHECK(fn["p_none_se"] == 0.0014);

  const auto& fan = s["fan"];
  for (const char* series : {"revenue", "net_income", "cash"}) {
    INFO(series);
    REQUIRE(fan[series].is_object());
    REQUIRE(fan[series].contains("2026"));
    for (const char* q : {"p05", "p25", "p50", "p75", "p95", "alive", "months"})
      CHECK(fan[series]["2026"].contains(q));
  }
  CHECK(fan["revenue"]["2026"]["p05"] == 2);
  CHECK(fan["net_income"]["2025"]["p50"] == -3);
  CHECK(fan["cash"]["2026"]["p95"] == 9);
  CHECK(fan["cash"]["2026"]["alive"] == 0.9);
  CHECK(fan["revenue"]["2025"]["months"] == 6);  // a partial first year says so
  CHECK(fan["revenue"]["2026"]["months"] == 12);

  CHECK(s["warnings"] == nlohmann::ordered_json::array({"correlation repaired"}));
}

TEST_CASE("to_json keeps the spec's key order and is byte-stable", "[json]") {
  const auto first = breakeven::to_json({sample_result(), sample_result()}).dump();
  const auto second = breakeven::to_json({sample_result(), sample_result()}).dump();
  CHECK(first == second);
  // Insertion order: name before file before paths, as SPEC §4 lists them.
  CHECK(first.find("\"name\"") < first.find("\"file\""));
  CHECK(first.find("\"file\"") < first.find("\"paths\""));
  CHECK(first.find("\"breakeven\"") < first.find("\"cash_out\""));
  CHECK(first.find("\"p_by_target\":0.5,") != std::string::npos);
  const auto parsed = nlohmann::json::parse(first);
  CHECK(parsed["scenarios"].size() == 2);
}

TEST_CASE("to_json writes null for a missing target and an empty fan point", "[json]") {
  ScenarioResult r = sample_result();
  r.breakeven.target.reset();
  r.breakeven.by_target.reset();
  r.fans.cash[1].p50 = std::nan("");
  const auto json = breakeven::to_json({r});
  const auto& s = json["scenarios"][0];
  CHECK(s["breakeven"]["target"].is_null());
  CHECK(s["breakeven"]["p_by_target"].is_null());
  CHECK(s["breakeven"]["p_by_target_se"].is_null());
  CHECK(s["fan"]["cash"]["2026"]["p50"].is_null());
  // Still valid JSON: NaN never reaches the text.
  CHECK_NOTHROW(nlohmann::json::parse(json.dump()));
}

TEST_CASE("to_json of no scenarios is an empty list", "[json]") {
  const auto json = breakeven::to_json({});
  CHECK(json["scenarios"].is_array());
  CHECK(json["scenarios"].empty());
}
