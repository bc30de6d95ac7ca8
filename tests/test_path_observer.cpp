// SPDX-License-Identifier: MIT
#include <atomic>
#include <vector>

#include <catch2/catch.hpp>

#include "breakeven/engine/engine.hpp"
#include "scenario_fixture.hpp"

using namespace breakeven;
using breakeven::testing::make_model;

namespace {

const char* const kScenario = R"(
[company]
name = "Observer Co"
[simulation]
start = "2025-01"
horizon = "2029-12"
paths = 1500
seed = 5
[state]
cash = 15
revenue = 12
[revenue]
growth = { dist = "uniform", min = 0.1, max = 0.9 }
volatility = 0.4
[margin]
gross = 0.5
[costs]
rnd = 10
sga = 2
[[funding.rounds]]
name = "Placement"
date = "2026-01"
amount = 5
probability = 0.5
[funding.policy]
trigger_runway_months = 12
size_months = 12
success_probability = 0.5
lag_months = 2
retry_months = 2
max_raises = 3
[[events]]
name = "Shock"
target = "revenue"
effect = -0.2
rate_per_year = 0.5
[breakeven]
metric = "operating_income"
period = "quarter"
)";

/// What the observer records of one path.
struct Seen {
  int calls = 0;
  int breakeven_period = 0;
  double growth = 0;
  int shocks = 0, landed = 0, raises = 0;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> observe(const Model& model, int threads) {
  std::vector<Seen> seen(static_cast<std::size_t>(model.spec.simulation.paths));
  EngineOptions options;
  options.threads = threads;
  RunPlan plan = scenario_run(model);
  plan.on_path = [&](std::size_t, std::int64_t path, const PathOutcome& outcome,
                     const PathWorkspace& ws) {
    Seen& s = seen[static_cast<std::size_t>(path)];
    ++s.calls;
    s.breakeven_period = outcome.breakeven_period;
    s.growth = ws.draws[static_cast<std::size_t>(model.index.growth)];
    s.shocks = ws.event_occurrences[0];
    s.landed = ws.round_landed[0];
    s.raises = ws.raises_succeeded;
  };
  simulate(plan, options);
  return seen;
}

}  // namespace

TEST_CASE("on_path sees every path once, as simulate_path computes it, for any thread count",
          "[engine][observer]") {
  const Model model = make_model(kScenario);
  const std::vector<Seen> one = observe(model, 1);
  const std::vector<Seen> two = observe(model, 2);
  CHECK(one == two);
  int landed = 0, raised = 0, shocked = 0;
  for (std::size_t path = 0; path < one.size(); ++path) {
    REQUIRE(one[path].calls == 1);
    const PathOutcome outcome = breakeven::testing::outcome_of(model, path);
    CHECK(one[path].breakeven_period == outcome.breakeven_period);
    landed += one[path].landed;
    raised += one[path].raises > 0 ? 1 : 0;
    shocked += one[path].shocks > 0 ? 1 : 0;
  }
  // Each count varies across paths: the workspace reports the path's own draws.
  CHECK(landed > 600);
  CHECK(landed < 900);
  CHECK(raised > 0);
  CHECK(shocked > 0);
  CHECK(shocked < 1500);
}

TEST_CASE("A run with an observer has the same tally as one without", "[engine][observer]") {
  const Model model = make_model(kScenario);
  RunPlan observed = scenario_run(model);
  std::atomic<std::int64_t> calls{0};
  observed.on_path = [&](std::size_t, std::int64_t, const PathOutcome&, const PathWorkspace&) {
    ++calls;
  };
  const Tally a = simulate(observed).scenarios[0];
  const Tally b = simulate(scenario_run(model)).scenarios[0];
  CHECK(calls.load() == 1500);
  CHECK(a.breakeven_by_period == b.breakeven_by_period);
  CHECK(a.cash_out_first == b.cash_out_first);
  CHECK(a.runway_months == b.runway_months);
}
