// SPDX-License-Identifier: MIT
// `solve`: a raise known in closed form, a date searched from the other side, a stochastic answer
// checked against a brute-force sweep, and conditions that hold nowhere or everywhere.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "breakeven/analysis/precision_run.hpp"
#include "breakeven/analysis/solve.hpp"
#include "breakeven/scenario/errors.hpp"
#include "small_scenarios.hpp"

#include <fmt/format.h>

namespace breakeven {
namespace {

using testing::kBurner;
using testing::kUncertainBurner;

// ctest runs test cases as parallel processes: each writes its own copy, never one another reads.
std::string scenario_file(const std::string& name, const char* text) {
  static const testing::ScenarioFiles files("solve");
  return files.write(name + ".toml", text);
}

SolveRequest request(const std::string& file, const std::string& key, const std::string& cond,
                     std::optional<std::string> between = {}, bool largest = false) {
  SolveRequest r;
  r.run.scenarios.push_back({file, {}});
  r.key = key;
  r.condition = parse_condition(cond);
  r.between = std::move(between);
  r.largest = largest;
  return r;
}

TEST_CASE("solve: the raise a deterministic company needs is its closed-form shortfall") {
  const std::string file = scenario_file("burner", kBurner);
  const SolveResult r = solve(
      request(file, "funding.rounds.0.amount", "p_no_cash_out_first >= 0.95", "0,40"), {2, {}});
  REQUIRE(r.status == SolveStatus::solved);
  CHECK(std::abs(r.key.value(r.value) - 7.0) <= 0.01);
  // No uncertainty: the interval is the answer itself.
  CHECK(r.interval_lo == r.value);
  CHECK(r.interval_hi == r.value);
  // Bisection on a grid of 0.01 over 0..40: about log2(4000) + 2 evaluations, not a sweep.
  CHECK(r.evaluations.size() <= 16);
  CHECK(std::is_sorted(r.evaluations.begin(), r.evaluations.end(),
                       [](const auto& a, const auto& b) { return a.tick < b.tick; }));
}

TEST_CASE("solve: the latest date a raise can land, searched with --largest") {
  const std::string file = scenario_file("burner", kBurner);
  SolveRequest r = request(file, "funding.rounds.0.date", "p_no_cash_out_first >= 0.5", {}, true);
  r.run.overrides.push_back({"funding.rounds.0.amount", "10"});
  const SolveResult result = solve(r, {2, {}});
  REQUIRE(result.status == SolveStatus::solved);
  CHECK(result.key.text(result.value) == "2025-11");
  CHECK(result.default_range);
  CHECK(result.key.text(result.range.lo) == "2025-01");
  CHECK(result.key.text(result.range.hi) == "2026-12");
}

TEST_CASE("solve: a stochastic answer's interval holds the crossing of a brute-force sweep") {
  const std::string file = scenario_file("uncertain", kUncertainBurner);
  const SolveCondition condition = parse_condition("p_no_cash_out_first >= 0.9");
  const SolveResult r =
      solve(request(file, "funding.rounds.0.amount", condition.text(), "0,30"), {2, {}});
  REQUIRE(r.status == SolveStatus::solved);
  CHECK(r.interval_lo < r.value);
  CHECK(r.interval_hi > r.value);
  // The sweep: 4x the paths on independent draws (another seed), every 0.25 by repeated --set.
  double crossing = NAN;
  for (double amount = 0; amount <= 30; amount += 0.25) {
    RunRequest run;
    run.scenarios.push_back({file, {}});
    run.overrides = {{"funding.rounds.0.amount", fmt::format("{:.2f}", amount)}};
    run.paths = 4000;
    run.seed = 99;
    const RunResults results = run_scenarios(load_run(run), {2, {}});
    if (1 - results.scenarios[0].breakeven.cash_out_first.p >= condition.target) {
      crossing = amount;
      break;
    }
  }
  REQUIRE(std::isfinite(crossing));
  INFO("solve " << r.key.text(r.value) << " in [" << r.key.text(r.interval_lo) << ", "
                << r.key.text(r.interval_hi) << "], sweep " << crossing);
  CHECK(r.key.value(r.interval_lo) <= crossing);
  CHECK(crossing <= r.key.value(r.interval_hi) + 0.25);
}

TEST_CASE("solve: --precision sizes every evaluation for the half-width at the target") {
  CHECK(paths_for_half_width(0.95, 0.01) == 2048);  // 1.96^2 x 0.95 x 0.05 / 0.01^2 = 1825
  CHECK(paths_for_half_width(0.0, 0.01) == 512);    // the rule of three: 300
  const std::string file = scenario_file("uncertain", kUncertainBurner);
  SolveRequest r = request(file, "funding.rounds.0.amount", "p_no_cash_out_first >= 0.9", "0,30");
  r.precision = 0.03;
  const SolveResult result = solve(r, {2, {}});
  REQUIRE(result.status == SolveStatus::solved);
  CHECK(result.paths == paths_for_half_width(0.9, 0.03));
  for (const SolveEvaluation& e : result.evaluations)
    if (e.tick == result.value) CHECK(kZ95 * e.se <= 0.03);
  r.max_paths = 300;
  CHECK(solve(r, {2, {}}).paths == 300);
}

TEST_CASE("solve: an unreachable target and an already met one say so") {
  const std::string file = scenario_file("burner", kBurner);
  // Flat revenue never breaks even: no raise makes P(by target) reach one half.
  const SolveResult never =
      solve(request(file, "funding.rounds.0.amount", "p_by_target >= 0.5", "0,40"), {2, {}});
  CHECK(never.status == SolveStatus::nowhere);
  CHECK_THAT(unsolved_message(never), Catch::Contains("holds nowhere"));
  const SolveResult always = solve(
      request(file, "funding.rounds.0.amount", "p_no_cash_out_first >= 0.5", "8,40"), {2, {}});
  CHECK(always.status == SolveStatus::everywhere);
  CHECK_THAT(unsolved_message(always), Catch::Contains("already holds"));
  // Asking for the smallest date when later is worse: the output moves the other way.
  SolveRequest dates = request(file, "funding.rounds.0.date", "p_no_cash_out_first >= 0.5");
  dates.run.overrides.push_back({"funding.rounds.0.amount", "10"});
  const SolveResult reversed = solve(dates, {2, {}});
  CHECK(reversed.status == SolveStatus::reversed);
  CHECK_THAT(unsolved_message(reversed), Catch::Contains("--largest"));
}

TEST_CASE("solve: keys, conditions and ranges are checked before anything runs") {
  const std::string file = scenario_file("burner", kBurner);
  CHECK_THROWS_AS(solve(request(file, "company.name", "p_by_target >= 0.5")), UsageError);
  CHECK_THROWS_AS(parse_condition("p_by_target > 0.5"), UsageError);
  CHECK_THROWS_AS(parse_condition("p_breakeven >= 0.5"), UsageError);
  CHECK_THROWS_AS(parse_condition("p_by_target >= 1.5"), UsageError);
  CHECK(parse_condition("p_within_horizon<=0.25").text() == "p_within_horizon <= 0.25");
  CHECK_THROWS_AS(solve(request(file, "funding.rounds.0.amount", "p_by_target >= 0.5", "40,0")),
                  UsageError);
  CHECK_THROWS_AS(solve(request(file, "funding.policy.amount", "p_by_target >= 0.5")), UsageError);
}

TEST_CASE("solve: key grids and default ranges") {
  const SolveKey money = solve_key("funding.rounds.2.amount");
  CHECK(money.kind == KeyKind::money);
  CHECK(money.toml(3127) == "31.27");
  CHECK(money.parse("31.27") == 3127);
  const SolveKey rate = solve_key("costs.rnd_growth");
  CHECK(rate.kind == KeyKind::rate);
  CHECK(rate.toml(125) == "0.125");
  const SolveKey date = solve_key("funding.rounds.0.date");
  CHECK(date.toml(date.parse("2027-06")) == "\"2027-06\"");
  CHECK(solve_key("funding.policy.size_months").kind == KeyKind::months);
}

}  // namespace
}  // namespace breakeven
