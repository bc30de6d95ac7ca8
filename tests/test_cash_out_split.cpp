// SPDX-License-Identifier: MIT
// Cash-out splits into "before break-even" (the headline's cash-out first) and "after": the two
// parts must add up to the total, by year and overall, on a shipped scenario where both occur.
#include <catch2/catch.hpp>

#include <filesystem>

#include "breakeven/analysis/summary.hpp"
#include "breakeven/engine/engine.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

using namespace breakeven;

TEST_CASE("cash-out before and after break-even add up to the total", "[summary]") {
  ScenarioSpec spec = load_scenario(
      (std::filesystem::path(BREAKEVEN_SOURCE_DIR) / "scenarios" / "metax.toml").string());
  spec.simulation.paths = 4000;
  const Model model = build_model(spec, ModelOptions{});
  const Tally tally = simulate(scenario_run(model)).scenarios[0];
  const ScenarioResult result = summarize(model, tally);
  const CashOutResult& c = result.cash_out;

  // MetaX breaks even often and can slide back: both parts are there.
  REQUIRE(c.before_breakeven.p > 0);
  REQUIRE(c.after_breakeven.p > 0);
  CHECK(c.before_breakeven.p == result.breakeven.cash_out_first.p);
  CHECK(c.before_breakeven.p + c.after_breakeven.p == Approx(c.probability.p).margin(1e-12));
  double before = 0, total = 0;
  for (const YearProbability& year : c.by_year) {
    CHECK(year.before_breakeven.p <= year.estimate.p);
    before += year.before_breakeven.p;
    total += year.estimate.p;
  }
  CHECK(before == Approx(c.before_breakeven.p).margin(1e-12));
  CHECK(total == Approx(c.probability.p).margin(1e-12));
}
