// SPDX-License-Identifier: MIT
// What an analyst writes: bounded distributions cut at a negligible tail, every error of a file
// in one pass with its line quoted, TOML syntax errors naming their key, years and units as
// people write them.
#include <catch2/catch.hpp>

#include <string>

#include "breakeven/analysis/overflow.hpp"
#include "breakeven/analysis/summary.hpp"
#include "breakeven/engine/engine.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/scenario/diagnostics.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

using namespace breakeven;
using Catch::Contains;

namespace {

const std::string kHead =
    "[company]\nname = \"X\"\n"
    "[simulation]\nstart = \"2025-01\"\nhorizon = \"2030-12\"\npaths = 200\n"
    "[state]\ncash = 10\nrevenue = 12\n"
    "[margin]\ngross = 0.5\n"
    "[costs]\nrnd = 5\nsga = 2\n";

std::string error_of(const std::string& toml) {
  try {
    parse_scenario(toml, "x.toml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

std::vector<ScenarioError> errors_of(const std::string& toml) {
  try {
    parse_scenario(toml, "x.toml");
  } catch (const ScenarioErrors& e) {
    return e.errors();
  }
  return {};
}

}  // namespace

TEST_CASE("a normal growth far from -100 % is cut there and runs", "[scenario][inputs]") {
  const std::string toml = kHead +
                           "[revenue]\ngrowth = 0.5\n"
                           "long_run_growth = { dist = \"normal\", mean = 0.2, sd = 0.05 }\n";
  const ScenarioSpec spec = parse_scenario(toml, "x.toml");
  REQUIRE(spec.revenue.long_run_growth);
  CHECK(spec.revenue.long_run_growth->truncate_lo.has_value());
  CHECK(*spec.revenue.long_run_growth->truncate_lo > -1);
  CHECK(*spec.revenue.long_run_growth->truncate_lo < -0.999999);
  REQUIRE(spec.notes.size() == 1);
  CHECK(spec.notes[0].key == "revenue.long_run_growth");
  CHECK_THAT(spec.notes[0].text, Contains("cut at -1"));
  const Model model = build_model(spec);
  const ScenarioResult result = summarize(model, simulate(scenario_run(model)).scenarios[0]);
  bool listed = false;
  for (const Assumption& assumption : result.assumptions)
    listed = listed || (assumption.key == "revenue.long_run_growth" &&
                        assumption.value.find("cut at -1") != std::string::npos);
  CHECK(listed);
}

TEST_CASE("a normal with 5 % beyond -100 % is refused with that figure", "[scenario][inputs]") {
  // mean - 1.6449 sd = -1: 5 % of the mass lies below -1.
  const std::string toml =
      kHead + "[revenue]\ngrowth = { dist = \"normal\", mean = 0.6449, sd = 1 }\n";
  CHECK_THAT(error_of(toml),
             Contains("revenue.growth: must be greater than -1, but 5 % of this normal "
                      "distribution lies below -1"));
  CHECK_THAT(error_of(toml), Contains("truncate = [-1, "));
  // A negligible tail above a margin's bound of 1 is cut too.
  CHECK(error_of(std::string(kHead).replace(kHead.find("gross = 0.5"), 11,
                                            "gross = { dist = \"normal\", mean = 0.5, sd = 0.1 }") +
                 "[revenue]\ngrowth = 0.5\n") == "no error");
}

TEST_CASE("every error of a file is reported, by line, with its line quoted",
          "[scenario][inputs]") {
  const std::string toml =
      "[company]\nname = \"X\"\n"
      "[simulation]\nstart = \"2025-01\"\nhorizon = \"2030-12\"\n"
      "[state]\ncash = -5\nrevenue = 12\n"          // line 7: negative cash
      "[revenue]\ngrowth = 0.5\nvolatilty = 0.3\n"  // line 11: a typo
      "[margin]\ngross = 1.5\n"                     // line 13: out of range
      "[costs]\nrnd = 5\nsga = 2\n";
  const auto errors = errors_of(toml);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].where().line == 7);
  CHECK(errors[0].key() == "state.cash");
  CHECK(errors[0].source_line() == "cash = -5");
  CHECK(errors[1].where().line == 11);
  CHECK(errors[1].key() == "revenue.volatilty");
  CHECK(errors[2].where().line == 13);
  CHECK(errors[2].key() == "margin.gross");
  try {
    parse_scenario(toml, "x.toml");
  } catch (const ScenarioError& e) {
    const std::string text = render_diagnostics(e);
    CHECK_THAT(text, Contains("error: x.toml:7: state.cash: must be at least 0, got -5\n"
                              " 7 | cash = -5\n"
                              "   | ^~~~\n"));
    CHECK_THAT(text, Contains(" 11 | volatilty = 0.3\n    | ^~~~~~~~~\n"));
    CHECK_THAT(text, Contains(" 13 | gross = 1.5\n    | ^~~~~\n"));
    CHECK(text.find("\x1b[") == std::string::npos);  // no colour unless asked
    CHECK(render_diagnostics(e, DiagnosticStyle{true}).find("\x1b[") != std::string::npos);
  }
}

TEST_CASE("a missing key does not hide the typo that explains it", "[scenario][inputs]") {
  const auto errors = errors_of(kHead + "[revenue]\ngrowht = 0.5\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key() == "revenue.growht");
}

TEST_CASE("more than 20 errors end with a count of the rest", "[scenario][inputs]") {
  std::string toml = kHead + "[revenue]\ngrowth = 0.5\n";
  for (int i = 0; i < 25; ++i) toml += "unknown_" + std::to_string(i) + " = 1\n";
  try {
    parse_scenario(toml, "x.toml");
    FAIL("no error");
  } catch (const ScenarioErrors& e) {
    CHECK(e.errors().size() == 25);
    const std::string text = render_diagnostics(e);
    CHECK_THAT(text, Contains("and 5 more errors\n"));
    CHECK_THAT(text, Contains("unknown_19"));
    CHECK_THAT(text, !Contains("unknown_20"));
  }
}

TEST_CASE("TOML syntax errors name the key on their line", "[scenario][inputs]") {
  CHECK_THAT(error_of("[company]\nname = \"X\"\n[state]\ncash = 1e400\n"),
             Contains("x.toml:4: state.cash: number out of range"));
  CHECK_THAT(error_of("[simulation]\npaths = 99999999999999999999\n"),
             Contains("x.toml:2: simulation.paths: whole number out of range: does not fit in "
                      "64 bits"));
  CHECK_THAT(error_of("[revenue]\ngrowth = { dist = \"normal\", mean = 0.2, sd = 0.1 }\n"
                      "growth.sd = 0.2\n"),
             Contains("x.toml:3: revenue.growth.sd: the table this dotted key adds to is already "
                      "defined"));
  CHECK_THAT(error_of("[[events]]\nname = \"a\"\n[[events]]\nname = \"b\"\neffect = 1e999\n"),
             Contains("x.toml:5: events.1.effect: number out of range"));
  try {
    parse_scenario("[state]\ncash = 1e400\n", "x.toml");
  } catch (const ScenarioError& e) {
    CHECK_THAT(render_diagnostics(e), Contains(" 2 | cash = 1e400\n   | ^~~~\n"));
  }
}

TEST_CASE("years and units as analysts write them", "[scenario][inputs]") {
  const std::string base = kHead + "[revenue]\ngrowth = 0.5\n";
  std::string text = base;
  text.replace(text.find("horizon = \"2030-12\""), 19, "horizon = 2031");
  const ScenarioSpec spec = parse_scenario(text + "[breakeven]\ntarget = 2028\n", "x.toml");
  CHECK(spec.simulation.horizon.label() == "2031-12");
  CHECK(*spec.breakeven.target == "2028");
  text = base;
  text.replace(text.find("name = \"X\""), 10, "name = \"X\"\nmoney_unit = \"亿元\"");
  const ScenarioSpec yi = parse_scenario(text, "x.toml");
  CHECK(yi.company.money_unit == "亿");
  CHECK(yi.company.money_unit_scale == 1e8);
}

TEST_CASE("the horizon is at most 50 years", "[scenario][inputs]") {
  std::string text = kHead + "[revenue]\ngrowth = 0.5\n";
  text.replace(text.find("horizon = \"2030-12\""), 19, "horizon = \"9999-12\"");
  CHECK_THAT(error_of(text), Contains("simulation.horizon: must be at most 50 years after "
                                      "simulation.start (2074-12), got 9999-12"));
}

TEST_CASE("ranges and the budget refuse what finite arithmetic cannot hold", "[scenario][inputs]") {
  const std::string base = kHead + "[revenue]\ngrowth = 0.5\n";
  auto with = [&](const std::string& from, const std::string& to) {
    std::string text = base;
    text.replace(text.find(from), from.size(), to);
    return error_of(text);
  };
  // The cases that used to validate and then fail in a run.
  CHECK_THAT(with("sga = 2", "sga = 2\nrnd_growth = 1e6"),
             Contains("costs.rnd_growth: must be greater than -1 and at most 10, got 1e+06"));
  CHECK_THAT(with("sga = 2", "sga = 2\n[cash]\nworking_capital_ratio = 1e300"),
             Contains("cash.working_capital_ratio: must be at most 10, got 1e+300"));
  CHECK_THAT(error_of(base + "[[events]]\nname = \"e\"\ntarget = \"growth\"\neffect = 100\n"
                             "rate_per_year = 1\n"),
             Contains("events.0.effect: must be at most 10, got 100"));
  // Each key in range, but +1000 % a year for 50 years is not a number a run can sum.
  std::string text = base;
  text.replace(text.find("horizon = \"2030-12\""), 19, "horizon = \"2074-12\"");
  text.replace(text.find("growth = 0.5"), 12, "growth = 10");
  CHECK_THAT(error_of(text), Contains("revenue.growth: revenue could reach 1.4e+53 1 a year by "
                                      "2074-12 (growth up to 10 a year for 50 years, without "
                                      "a half-life)"));
  // With a half-life the same start is fine.
  text.replace(text.find("growth = 10"), 11,
               "growth = 10\nlong_run_growth = 0.1\nhalf_life_years = 2");
  CHECK(error_of(text) == "no error");
}

TEST_CASE("an overflow at run time names scenario, path and key", "[scenario][inputs]") {
  // Only a spec edited past the reader can overflow; the message must still be the analyst's.
  ScenarioSpec spec = parse_scenario(kHead + "[revenue]\ngrowth = 0.5\n", "x.toml");
  spec.simulation.horizon = spec.simulation.start.plus_months(599);
  spec.costs.rnd_growth = Param::constant_value(1e6);
  const Model model = build_model(spec);
  CHECK_THROWS_AS(simulate(scenario_run(model)), std::domain_error);
  try {
    explain_overflow(model);
  } catch (const std::runtime_error& e) {
    const std::string text = e.what();
    CHECK_THAT(text, Contains("scenario 'X' (x.toml): path 0 (seed 1)"));
    CHECK_THAT(text, Contains("the key that drives them most is costs.rnd_growth"));
    CHECK_THAT(text, !Contains("ExactSum"));
  }
}
