// SPDX-License-Identifier: MIT
// The run plan: several models per path, sector shocks by calendar month, path ranges, the
// per-path hook. A scenario's results must not depend on what it ran with.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "breakeven/engine/tally_io.hpp"
#include "breakeven/report/json_report.hpp"
#include "scenario_fixture.hpp"

using namespace breakeven;
using namespace breakeven::testing;

namespace {

/// A company whose revenue moves with the sector and with its own shocks.
std::string company(const std::string& name, const std::string& start, double loading) {
  return R"(
[company]
name = ")" +
         name + R"("
[simulation]
start = ")" +
         start + R"("
horizon = "2030-12"
paths = 3000
seed = 5
[state]
cash = 30
revenue = 12
[revenue]
growth = { dist = "uniform", min = 0.2, max = 0.8 }
volatility = 0.5
sector_loading = )" +
         std::to_string(loading) + R"(
[margin]
gross = 0.5
noise = 0.02
[costs]
rnd = 9
sga = 2
[[events]]
name = "lost customer"
target = "revenue"
effect = -0.2
rate_per_year = 0.3
[breakeven]
metric = "net_income"
period = "year"
target = "2027"
)";
}

/// The JSON of one scenario's summary: byte equality is what "unchanged" means.
std::string json_of(const Model& model, const Tally& tally) {
  return scenario_to_json(summarize(model, tally)).dump();
}

}  // namespace

TEST_CASE("run plan: a scenario's results are byte-identical alone and in a batch") {
  const Model a = make_model(company("Alpha", "2025-07", 0.6));
  const Model b = make_model(company("Beta", "2026-01", 0.6));
  const RunTallies alone = simulate(whole_run({&a}, 5, 3000));
  const RunTallies together = simulate(whole_run({&b, &a}, 5, 3000));
  REQUIRE(json_of(a, alone.scenarios[0]) == json_of(a, together.scenarios[1]));
  REQUIRE(json_of(b, simulate(whole_run({&b}, 5, 3000)).scenarios[0]) ==
          json_of(b, together.scenarios[0]));
}

TEST_CASE("run plan: sector shocks are shared by calendar month, not by month index") {
  // Fully sector-loaded, constant growth, no events or seasonality: the log step of revenue from
  // one month to the next is drift plus the sector shock of that calendar month.
  const std::vector<Override> pure = {{"revenue.growth", "0.4"}, {"events", "[]"}};
  Model early = make_model(company("Alpha", "2025-07", 1.0), pure);
  Model late = make_model(company("Beta", "2025-10", 1.0), pure);
  for (std::uint64_t path : {0u, 17u, 400u}) {
    const auto e = trace_path(early, path), l = trace_path(late, path);
    for (std::size_t m = 0; m + 1 < l.size(); ++m) {
      const double step_early = std::log(e[m + 4].revenue / e[m + 3].revenue);
      const double step_late = std::log(l[m + 1].revenue / l[m].revenue);
      REQUIRE(step_early == Approx(step_late).margin(1e-12));
    }
  }
  // Without sector loading the same two companies move apart.
  Model own = make_model(company("Beta", "2025-10", 0.0), pure);
  const auto e = trace_path(early, 3), o = trace_path(own, 3);
  REQUIRE(std::log(e[10].revenue / e[9].revenue) != Approx(std::log(o[7].revenue / o[6].revenue)));
}

TEST_CASE("run plan: tallies of a batch do not depend on the thread count") {
  const Model a = make_model(company("Alpha", "2025-07", 0.6));
  const Model b = make_model(company("Beta", "2026-01", 0.6));
  const RunPlan plan = whole_run({&a, &b}, 5, 3000);
  const RunTallies serial = simulate_serial(plan);
  for (int threads : {1, 2, 4}) {
    CAPTURE(threads);
    const RunTallies parallel = simulate(plan, {threads, {}});
    REQUIRE(json_of(a, parallel.scenarios[0]) == json_of(a, serial.scenarios[0]));
    REQUIRE(json_of(b, parallel.scenarios[1]) == json_of(b, serial.scenarios[1]));
  }
}

TEST_CASE("run plan: blocks have fixed boundaries, clipped to the range") {
  const Model a = make_model(company("Alpha", "2025-07", 0.6));
  RunPlan plan = whole_run({&a}, 5, 1000);
  plan.begin = 300;
  plan.end = 700;
  const std::vector<PathBlock> blocks = blocks_of(plan);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].begin == 300);
  CHECK(blocks[0].end == 512);
  CHECK(blocks[1].begin == 512);
  CHECK(blocks[1].end == 700);
  plan.end = 1001;
  REQUIRE_THROWS_AS(check_plan(plan), UsageError);
}

TEST_CASE("run plan: the per-path hook sees every (model, path) once, as the tally does") {
  const Model a = make_model(company("Alpha", "2025-07", 0.6));
  const Model b = make_model(company("Beta", "2026-01", 0.6));
  RunPlan plan = whole_run({&a, &b}, 5, 2000);
  plan.begin = 100;
  // One preallocated slot per (model, path): the hook writes, never appends.
  std::vector<int> breakeven(2 * 1900, -2);
  std::vector<double> growth(2 * 1900, 0);
  plan.on_path = [&](std::size_t model, std::int64_t path, const PathOutcome& outcome,
                     const PathWorkspace& workspace) {
    const auto slot = model * 1900 + static_cast<std::size_t>(path - 100);
    breakeven[slot] = outcome.breakeven_period;
    growth[slot] = workspace.draws[static_cast<std::size_t>(plan.models[model]->index.growth)];
  };
  const RunTallies tallies = simulate(plan, {2, {}});
  for (std::size_t model = 0; model < 2; ++model) {
    std::vector<std::uint64_t> by_period(tallies.scenarios[model].breakeven_by_period.size());
    for (std::size_t i = 0; i < 1900; ++i) {
      const int period = breakeven[model * 1900 + i];
      REQUIRE(period >= -1);  // every slot written
      if (period >= 0) ++by_period[static_cast<std::size_t>(period)];
      REQUIRE(growth[model * 1900 + i] >= 0.2);
      REQUIRE(growth[model * 1900 + i] <= 0.8);
    }
    REQUIRE(by_period == tallies.scenarios[model].breakeven_by_period);
  }
}

TEST_CASE("run plan: a run split into two ranges, serialised and merged, equals the whole run") {
  const Model a = make_model(company("Alpha", "2025-07", 0.6));
  const Model b = make_model(company("Beta", "2026-01", 0.6));
  const std::vector<const Model*> models = {&a, &b};
  const RunTallies whole = simulate(whole_run(models, 5, 3000));
  RunPlan first = whole_run(models, 5, 3000), second = first;
  first.end = 1300;  // not on a block boundary: the merge is exact either way
  second.begin = 1300;
  const std::string first_text = tallies_to_json(simulate(first, {2, {}}), models);
  const std::string second_text = tallies_to_json(simulate(second, {1, {}}), models);
  // Round trip: what is read back serialises to the same text.
  REQUIRE(tallies_to_json(tallies_from_json(first_text, models), models) == first_text);

  RunTallies merged = tallies_from_json(second_text, models);
  merge_tallies(merged, tallies_from_json(first_text, models));
  CHECK(merged.begin == 0);
  CHECK(merged.end == 3000);
  REQUIRE(tallies_to_json(merged, models) == tallies_to_json(whole, models));
  REQUIRE(json_of(a, merged.scenarios[0]) == json_of(a, whole.scenarios[0]));
  REQUIRE(json_of(b, merged.scenarios[1]) == json_of(b, whole.scenarios[1]));
}

TEST_CASE("run plan: tallies of another run or scenario are refused") {
  const Model a = make_model(company("Alpha", "2025-07", 0.6));
  const Model b = make_model(company("Beta", "2026-01", 0.6));
  const std::string text = tallies_to_json(simulate(whole_run({&a}, 5, 300)), {&a});
  REQUIRE_THROWS_AS(tallies_from_json(text, {&b}), UsageError);
  REQUIRE_THROWS_AS(tallies_from_json("{}", {&a}), UsageError);
  std::string future = text;
  future.replace(future.find("\"version\":1"), 11, "\"version\":9");
  REQUIRE_THROWS_AS(tallies_from_json(future, {&a}), UsageError);
  RunTallies one = simulate(whole_run({&a}, 5, 300));
  RunTallies other_seed = simulate(whole_run({&a}, 6, 300));
  REQUIRE_THROWS_AS(merge_tallies(one, other_seed), UsageError);
  RunTallies same = simulate(whole_run({&a}, 5, 300));
  REQUIRE_THROWS_AS(merge_tallies(one, same), UsageError);  // overlapping, not adjacent
}
