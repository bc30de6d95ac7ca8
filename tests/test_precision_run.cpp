// SPDX-License-Identifier: MIT
// Runs to precision: where they stop depends on the scenario, seed and goal only, and what they
// report is exactly a fixed run of the stopping path count.
#include <catch2/catch.hpp>

#include <cmath>

#include "breakeven/analysis/precision_run.hpp"
#include "breakeven/report/json_report.hpp"
#include "scenario_fixture.hpp"

namespace breakeven {
namespace {

// The base company made uncertain, with a headline near one half: the hardest to make precise.
const std::vector<Override> kUncertain = {{"revenue.volatility", "0.6"},
                                          {"breakeven.target", "\"2026-09\""}};

LoadedRun loaded(std::vector<Model> models) {
  LoadedRun run;
  run.models = std::move(models);
  run.paths = 1;  // ignored by a run to precision
  run.seed = run.models.front().spec.simulation.seed;
  return run;
}

std::string json_text(const RunResults& results) {
  return to_json(results.scenarios).dump();
}

TEST_CASE("precision: the stop is the same on 1 and 2 threads, and meets the goal") {
  const LoadedRun run = loaded({testing::base_model(kUncertain)});
  const PrecisionGoal goal{0.025, 100000};
  const PrecisionRun one = run_to_precision(run, goal, {1, {}});
  const PrecisionRun two = run_to_precision(run, goal, {2, {}});
  CHECK(one.outcome.reached);
  CHECK(one.outcome.paths == two.outcome.paths);
  CHECK(one.outcome.rounds == two.outcome.rounds);
  CHECK(one.outcome.half_width == two.outcome.half_width);
  CHECK(json_text(one.results) == json_text(two.results));
  // The reported half-width is the headline's own 95 % interval, and within the goal.
  const Estimate headline = *one.results.scenarios[0].breakeven.by_target;
  CHECK(headline.p > 0.2);
  CHECK(headline.p < 0.8);
  CHECK(one.outcome.half_width <= goal.half_width);
  CHECK(one.outcome.half_width == Approx(kZ95 * headline.se).epsilon(1e-12));
  // More than one round was needed for a headline near one half at this goal.
  CHECK(one.outcome.rounds > 1);
  CHECK(one.outcome.paths > kFirstRoundPaths);
}

TEST_CASE("precision: a run that stops at N paths is byte-identical to a fixed run of N paths") {
  const LoadedRun run = loaded({testing::base_model(kUncertain)});
  const PrecisionRun adaptive = run_to_precision(run, {0.02, 100000}, {2, {}});
  LoadedRun fixed = run;
  fixed.paths = adaptive.outcome.paths;
  CHECK(json_text(run_scenarios(fixed, {1, {}})) == json_text(adaptive.results));
  CHECK(adaptive.results.scenarios[0].paths == adaptive.outcome.paths);
}

TEST_CASE("precision: --max-paths stops the run first and says so") {
  const LoadedRun run = loaded({testing::base_model(kUncertain)});
  const PrecisionRun capped = run_to_precision(run, {0.001, 1500}, {2, {}});
  CHECK_FALSE(capped.outcome.reached);
  CHECK(capped.outcome.paths == 1500);
  CHECK(capped.outcome.half_width > 0.001);
  CHECK(capped.results.scenarios[0].paths == 1500);
}

TEST_CASE("precision: a batch waits for its least precise headline") {
  // Scenario 2 has no target: it has no headline and does not hold the run up.
  const LoadedRun run = loaded({testing::base_model(kUncertain),
                                testing::base_model({{"revenue.growth", "0.9"},
                                                     {"revenue.volatility", "0.3"},
                                                     {"breakeven.target", "\"2026-03\""}}),
                                testing::base_model()});
  const PrecisionRun batch = run_to_precision(run, {0.03, 100000}, {2, {}});
  REQUIRE(batch.outcome.half_widths.size() == 3);
  CHECK(std::isnan(batch.outcome.half_widths[2]));
  CHECK(batch.outcome.half_widths[0] <= 0.03);
  CHECK(batch.outcome.half_widths[1] <= 0.03);
  CHECK(batch.outcome.half_width ==
        std::max(batch.outcome.half_widths[0], batch.outcome.half_widths[1]));
  // The first scenario alone stops no later than in the batch.
  const PrecisionRun alone =
      run_to_precision(loaded({testing::base_model(kUncertain)}), {0.03, 100000}, {2, {}});
  CHECK(alone.outcome.paths <= batch.outcome.paths);
}

TEST_CASE("precision: a degenerate headline uses the rule of three, not a zero width") {
  CHECK(headline_half_width(0, 1000) == Approx(0.003));
  CHECK(headline_half_width(1, 1000) == Approx(0.003));
  CHECK(headline_half_width(0.5, 10000) == Approx(kZ95 * 0.005));
  // The base company breaks even for sure by 2030: the run stops once 3 / N <= H.
  const LoadedRun run = loaded({testing::base_model({{"breakeven.target", "\"2030-12\""}})});
  const PrecisionRun sure = run_to_precision(run, {0.002, 100000}, {2, {}});
  CHECK(sure.results.scenarios[0].breakeven.by_target->p == 1.0);
  CHECK(sure.outcome.reached);
  CHECK(sure.outcome.paths >= 1500);
  CHECK(sure.outcome.paths % kBlockPaths == 0);
}

TEST_CASE("precision: rounds are whole blocks, grow at most twofold and respect the cap") {
  CHECK(next_round_end(1024, 1e9, 1'000'000) == 2048);
  CHECK(next_round_end(1024, 1100, 1'000'000) == 1280);
  CHECK(next_round_end(1024, 10, 1'000'000) == 1280);
  CHECK(next_round_end(1024, 1e9, 1500) == 1500);
}

TEST_CASE("precision: bad goals and runs without a headline are usage errors") {
  const LoadedRun run = loaded({testing::base_model(kUncertain)});
  CHECK_THROWS_AS(run_to_precision(run, {0, 1000}), UsageError);
  CHECK_THROWS_AS(run_to_precision(run, {0.01, 0}), UsageError);
  CHECK_THROWS_AS(run_to_precision(loaded({testing::base_model()}), {0.01, 1000}), UsageError);
}

}  // namespace
}  // namespace breakeven
