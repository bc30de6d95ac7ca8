// SPDX-License-Identifier: MIT
// The path kernel runs path_lanes() paths at once, one per SIMD lane. Each path's result must be
// exactly, bit for bit, the one the one-lane twin (simulate_path, what --trace-path replays)
// gives it alone: whatever lane it runs in, whatever ran in that lane's workspace before, in a
// full group or a partial one whose spare lanes are scratch. Checked on every SIMD target this
// processor has, for scenarios that between them reach every stage of the kernel: growth, market
// and order-book revenue, sector shocks, events, scheduled and contingent funding, milestones,
// year, quarter and ttm periods with sustained break-even.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "breakeven/engine/path_lanes.hpp"
#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/engine/sector_shocks.hpp"
#include "breakeven/math/counter_normals.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/scenario/scenario_parser.hpp"
#include "month_record_fields.hpp"
#include "scenario_fixture.hpp"

using namespace breakeven;

namespace {

/// Everything a path leaves for its readers: the outcome the tallies count, and the workspace's
/// per-path data that PathObserver users (sensitivity) read.
struct PathResult {
  PathOutcome outcome;
  std::vector<double> draws;
  std::vector<int> event_occurrences;
  std::vector<std::uint8_t> round_landed;
  int raises_succeeded = 0;
  std::vector<MonthRecord> trace;  ///< the monthly record (backtests, --trace-path)

  PathResult(const PathOutcome& out, const PathWorkspace& ws, std::vector<MonthRecord> months)
      : outcome(out),
        draws(ws.draws),
        event_occurrences(ws.event_occurrences),
        round_landed(ws.round_landed),
        raises_succeeded(ws.raises_succeeded),
        trace(std::move(months)) {}
};

/// Bit for bit: 0.0 and -0.0 differ, and a NaN equals only the same NaN.
bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](double x, double y) { return same_bits(x, y); });
}

/// The first field in which the outcomes differ; empty when they are identical.
std::string outcome_difference(const PathOutcome& a, const PathOutcome& b) {
  if (a.breakeven_period != b.breakeven_period) return "breakeven_period";
  if (a.cashout_month != b.cashout_month) return "cashout_month";
  if (a.runway_months != b.runway_months) return "runway_months";
  if (!same_bits(a.funding_need, b.funding_need)) return "funding_need";
  if (a.years.size() != b.years.size()) return "number of years";
  for (std::size_t y = 0; y < a.years.size(); ++y) {
    const YearRecord &ya = a.years[y], &yb = b.years[y];
    const std::string year = "years[" + std::to_string(y) + "].";
    if (!same_bits(ya.revenue, yb.revenue)) return year + "revenue";
    if (!same_bits(ya.net_income, yb.net_income)) return year + "net_income";
    if (!same_bits(ya.closing_cash, yb.closing_cash)) return year + "closing_cash";
    if (ya.alive != yb.alive) return year + "alive";
  }
  if (a.milestone_success_month != b.milestone_success_month) return "milestone_success_month";
  return {};
}

/// The first month and field in which the records differ; empty when they are identical.
std::string trace_difference(const std::vector<MonthRecord>& a, const std::vector<MonthRecord>& b) {
  if (a.size() != b.size()) return "number of months traced";
  for (std::size_t m = 0; m < a.size(); ++m) {
    const std::string month = "trace[" + std::to_string(m) + "].";
    if (a[m].month != b[m].month) return month + "month";
    for (const auto& [field, name] : breakeven::testing::kMonthRecordFields)
      if (!same_bits(a[m].*field, b[m].*field)) return month + name;
  }
  return {};
}

/// The first field in which the results differ; empty when they are identical.
std::string difference(const PathResult& a, const PathResult& b) {
  const std::string outcome = outcome_difference(a.outcome, b.outcome);
  if (!outcome.empty()) return outcome;
  if (!same_bits(a.draws, b.draws)) return "draws";
  if (a.event_occurrences != b.event_occurrences) return "event_occurrences";
  if (a.round_landed != b.round_landed) return "round_landed";
  if (a.raises_succeeded != b.raises_succeeded) return "raises_succeeded";
  return trace_difference(a.trace, b.trace);
}

/// Path `path` alone through the one-lane twin, in a fresh workspace.
PathResult alone(const Model& model, std::uint64_t seed, std::uint64_t path) {
  PathWorkspace workspace(model);
  PathOutcome outcome;
  outcome.years.resize(model.fiscal_years.size());
  std::vector<MonthRecord> trace;
  simulate_path(model, seed, path, workspace, outcome, &trace);
  return {outcome, workspace, std::move(trace)};
}

/// The paths each scenario runs, from kFirstPath on: not a multiple of 4 or 8, so the last group
/// is partial at every width.
constexpr std::uint64_t kFirstPath = 1000;
constexpr int kPaths = 21;

/// How many paths each group holds at `lanes` lanes: a full group, then partial groups of one
/// and of lanes - 1 (their spare lanes then run again in the next full groups), then full groups
/// up to kPaths, the last one cut short.
std::vector<int> group_sizes(int lanes) {
  std::vector<int> sizes = {lanes, 1};
  if (lanes > 2) sizes.push_back(lanes - 1);
  int total = 0;
  for (const int size : sizes) total += size;
  while (total < kPaths) {
    sizes.push_back(std::min(lanes, kPaths - total));
    total += sizes.back();
  }
  return sizes;
}

/// One worker's lanes, set up as engine.cpp (and, with records, period_samples.cpp) sets them
/// up and reused for every group.
class Lanes {
 public:
  Lanes(const Model& model, int lanes) : group_(model, lanes), sectors_(lanes) {}

  /// Simulates paths first .. first + count - 1; returns their results in path order. The
  /// sector shocks are drawn for the group as engine.cpp draws them, over the calendar months
  /// [first_month, last_month] of the run (wider than the model's own in a joint batch). With
  /// `traced`, each path's monthly record is kept too, as a backtest keeps it.
  std::vector<PathResult> run(const Model& model, std::uint64_t seed, std::uint64_t first,
                              int count, int first_month, int last_month, bool traced) {
    std::array<std::vector<MonthRecord>, kMaxPathLanes> traces;
    std::array<std::vector<MonthRecord>*, kMaxPathLanes> trace_of{};
    for (std::size_t l = 0; l < static_cast<std::size_t>(count); ++l) trace_of[l] = &traces[l];
    if (uses_sector_shocks(model)) sectors_.fill(seed, first, count, first_month, last_month);
    simulate_paths(model, seed, first, count, sectors_.of.data(), group_.workspace_of.data(),
                   group_.outcome_of.data(), traced ? trace_of.data() : nullptr);
    std::vector<PathResult> results;
    for (std::size_t l = 0; l < static_cast<std::size_t>(count); ++l)
      results.emplace_back(group_.outcomes[l], group_.workspaces[l], std::move(traces[l]));
    return results;
  }

 private:
  PathLanes group_;
  SectorLanes sectors_;
};

int lanes_of(SimdTarget target) {
  switch (target) {
    case SimdTarget::avx512:
      return 8;
    case SimdTarget::avx2:
      return 4;
    case SimdTarget::scalar:
      break;
  }
  return 1;
}

/// A scenario to check, by name for the failure messages, and the branch it is here to reach.
struct Case {
  std::string name;
  Model model;
  enum class Reaches { any, breakeven, milestones } reaches = Reaches::any;
};

Model from_file(const std::string& relative, const std::vector<Override>& sets = {}) {
  return build_model(load_scenario(std::string(BREAKEVEN_SOURCE_DIR) + "/" + relative, sets));
}

// A growth company whose two milestones decide its margin and growth, re-spins costing cash, an
// event that delays pending milestones, contingent raises and a scheduled round that may not
// land: the milestone stage and the funding stage's lane-by-lane branches in one file.
const char* const kMilestoneCompany = R"(
[company]
name = "Lane Milestones"
[simulation]
start = "2025-04"
horizon = "2030-12"
paths = 1000
seed = 19
[state]
cash = 6
revenue = 10
ytd = -1
[revenue]
growth = { dist = "uniform", min = 0.0, max = 0.6 }
volatility = 0.4
sector_loading = 0.6
[margin]
gross = { dist = "uniform", min = 0.2, max = 0.5 }
noise = 0.02
[costs]
rnd = 9
sga = 3
[tax]
rate = 0.2
[cash]
minimum = 1
[[funding.rounds]]
name = "Series C"
date = "2026-02"
amount = { dist = "uniform", min = 5, max = 15 }
probability = 0.6
[funding.policy]
trigger_runway_months = 9
size_months = 12
success_probability = 0.5
lag_months = 3
retry_months = 4
max_raises = 3
[[milestones]]
name = "Mass production"
date = "2025-09"
success_probability = 0.7
on_success = { target = "gross_margin", effect = 0.1, ramp_months = 4 }
respin_cost = 2
respin_delay_months = 4
max_respins = 2
[[milestones]]
name = "Next chip"
date = "2026-06"
success_probability = { dist = "uniform", min = 0.3, max = 0.9 }
on_success = { target = "growth", effect = 0.4, ramp_months = 6 }
respin_cost = 1.5
respin_delay_months = 3
max_respins = 3
requires = "Mass production"
[[events]]
name = "Foundry slip"
target = "milestones"
duration_months = 5
rate_per_year = 0.4
[[events]]
name = "Price war"
target = "gross_margin"
effect = { dist = "uniform", min = -0.1, max = -0.02 }
duration_months = 6
rate_per_year = 0.5
[breakeven]
metric = "operating_income"
period = "quarter"
sustained = 2
)";

std::vector<Case> scenarios() {
  std::vector<Case> cases;
  cases.push_back({"bench/full_featured.toml", from_file("bench/full_featured.toml")});
  // Every company file: the four companies and their bear and bull cases on the growth and
  // order-book models, the market-model example, the chip example (orders and milestones), and
  // their 2020 and 2025 vintages.
  std::vector<std::string> files;
  const std::filesystem::path root = std::filesystem::path(BREAKEVEN_SOURCE_DIR) / "scenarios";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.path().extension() == ".toml")
      files.push_back(std::filesystem::relative(entry.path(), BREAKEVEN_SOURCE_DIR).string());
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) cases.push_back({file, from_file(file)});
  // The trailing-twelve-month judge with a run of profitable months required, from a trailing
  // metric before the start; for the market model on free cash flow, which fewer paths reach.
  const auto ttm = [](const char* metric, int sustained) {
    return std::vector<Override>{{"breakeven.period", "\"ttm\""},
                                 {"breakeven.metric", std::string("\"") + metric + "\""},
                                 {"breakeven.sustained", std::to_string(sustained)},
                                 {"breakeven.target", "\"2027-06\""}};
  };
  cases.push_back({"spec_example.toml, ttm, sustained 12",
                   from_file("scenarios/spec_example.toml", ttm("net_income", 12)),
                   Case::Reaches::breakeven});
  cases.push_back({"spec_example_market.toml, ttm of free cash flow, sustained 6",
                   from_file("scenarios/spec_example_market.toml", ttm("free_cash_flow", 6)),
                   Case::Reaches::breakeven});
  cases.push_back({"milestones on the growth model", testing::make_model(kMilestoneCompany),
                   Case::Reaches::milestones});
  // Order books whose group months hold many contracts (sized a buffer at a time, across
  // lanes), and whose rate crosses the level above which a month's wins are one draw of their
  // sum: lanes on both sides of it in one group.
  cases.push_back({"metax.toml, 600 contracts a year",
                   from_file("scenarios/metax.toml", {{"orders.rate_per_year", "600"}})});
  cases.push_back({"metax.toml, 1,000 contracts a year growing 60 % a year",
                   from_file("scenarios/metax.toml",
                             {{"orders.rate_per_year", "1000"}, {"orders.rate_growth", "0.6"}})});
  return cases;
}

/// What the compared paths reached between them: a check that the comparison met every branch.
struct Reached {
  int breakeven = 0, no_breakeven = 0, cashout = 0, raise = 0, event = 0, round_missed = 0,
      milestone = 0, milestone_missed = 0, dead_year = 0;
  void add(const PathResult& result) {
    const PathOutcome& out = result.outcome;
    breakeven += out.breakeven_period >= 0;
    no_breakeven += out.breakeven_period < 0;
    cashout += out.cashout_month >= 0;
    raise += result.raises_succeeded > 0;
    event += std::any_of(result.event_occurrences.begin(), result.event_occurrences.end(),
                         [](int n) { return n > 0; });
    round_missed += std::count(result.round_landed.begin(), result.round_landed.end(), 0) > 0;
    for (const int month : out.milestone_success_month)
      (month >= 0 ? milestone : milestone_missed)++;
    dead_year += std::any_of(out.years.begin(), out.years.end(),
                             [](const YearRecord& year) { return !year.alive; });
  }
};

}  // namespace

TEST_CASE("every lane of the path kernel gives exactly what the one-lane twin gives its path",
          "[engine][simd]") {
  const SimdTarget saved = active_simd_target();
  const std::vector<Case> cases = scenarios();
  Reached reached;
  int targets = 0, sector_scenarios = 0;
  for (const Case& scenario : cases) {
    CAPTURE(scenario.name);
    const Model& model = scenario.model;
    const std::uint64_t seed = model.spec.simulation.seed;
    std::vector<PathResult> expected;
    Reached here;
    for (int p = 0; p < kPaths; ++p) {
      expected.push_back(alone(model, seed, kFirstPath + static_cast<std::uint64_t>(p)));
      here.add(expected.back());
      reached.add(expected.back());
    }
    // The scenarios added for one branch must reach both sides of it among the compared paths.
    if (scenario.reaches == Case::Reaches::breakeven) {
      CHECK(here.breakeven > 0);
      CHECK(here.no_breakeven > 0);
    }
    if (scenario.reaches == Case::Reaches::milestones) {
      CHECK(here.milestone > 0);
      CHECK(here.milestone_missed > 0);
    }
    sector_scenarios += uses_sector_shocks(model);
    // Lanes that ran each other's paths would go unnoticed if the paths agreed: they must not.
    for (int p = 1; p < kPaths; ++p) {
      CAPTURE(p);
      REQUIRE_FALSE(outcome_difference(expected[static_cast<std::size_t>(p - 1)].outcome,
                                       expected[static_cast<std::size_t>(p)].outcome)
                        .empty());
    }
    targets = 0;
    for (const SimdTarget target : {SimdTarget::scalar, SimdTarget::avx2, SimdTarget::avx512}) {
      if (!set_simd_target(target)) continue;
      CAPTURE(simd_target_name(target));
      const int lanes = path_lanes();
      REQUIRE(lanes == lanes_of(target));
      ++targets;
      Lanes worker(model, lanes);
      // Odd groups draw the sector shocks over a wider span, as a joint batch with companies
      // starting earlier and ending later does: the shocks are found by calendar month. Even
      // groups keep the monthly records, as a backtest does; odd ones run as the engine does.
      int first = 0, group = 0;
      for (const int count : group_sizes(lanes)) {
        CAPTURE(first, count);
        const bool traced = group++ % 2 == 0;
        const int pad = traced ? 0 : 13;
        const std::vector<PathResult> results =
            worker.run(model, seed, kFirstPath + static_cast<std::uint64_t>(first), count,
                       first_calendar_month(model) - pad, last_calendar_month(model) + pad, traced);
        for (int l = 0; l < count; ++l) {
          CAPTURE(l);
          PathResult right = expected[static_cast<std::size_t>(first + l)];
          if (!traced) right.trace.clear();
          REQUIRE(difference(results[static_cast<std::size_t>(l)], right) == "");
        }
        first += count;
      }
      REQUIRE(first == kPaths);
    }
  }
  set_simd_target(saved);
  REQUIRE(targets >= 1);
  REQUIRE(sector_scenarios > 0);
  CHECK(reached.breakeven > 0);
  CHECK(reached.no_breakeven > 0);
  CHECK(reached.cashout > 0);
  CHECK(reached.raise > 0);
  CHECK(reached.event > 0);
  CHECK(reached.round_missed > 0);
  CHECK(reached.milestone > 0);
  CHECK(reached.milestone_missed > 0);
  CHECK(reached.dead_year > 0);
}

TEST_CASE("the lane comparison notices a lane given another path's sector shocks",
          "[engine][simd]") {
  // The control for the test above: here only the sector shocks are wrong, every draw is right,
  // and the comparison must see it in every lane.
  const SimdTarget saved = active_simd_target();
  const Model model = from_file("bench/full_featured.toml");
  REQUIRE(uses_sector_shocks(model));
  const std::uint64_t seed = model.spec.simulation.seed;
  for (const SimdTarget target : {SimdTarget::avx2, SimdTarget::avx512}) {
    if (!set_simd_target(target)) continue;
    CAPTURE(simd_target_name(target));
    const int lanes = path_lanes();
    PathLanes group(model, lanes);
    SectorLanes sectors(lanes);
    const auto lane_count = static_cast<std::size_t>(lanes);
    for (std::size_t l = 0; l < lane_count; ++l)  // lane l reads the shocks of the path one on
      sectors.shocks[l].fill(seed, kFirstPath + (l + 1) % lane_count, first_calendar_month(model),
                             last_calendar_month(model));
    simulate_paths(model, seed, kFirstPath, lanes, sectors.of.data(), group.workspace_of.data(),
                   group.outcome_of.data());
    for (std::size_t l = 0; l < lane_count; ++l) {
      CAPTURE(l);
      const PathResult got(group.outcomes[l], group.workspaces[l], {});
      const PathResult right = alone(model, seed, kFirstPath + l);
      REQUIRE(same_bits(got.draws, right.draws));
      REQUIRE_FALSE(outcome_difference(got.outcome, right.outcome).empty());
    }
  }
  set_simd_target(saved);
}

TEST_CASE("the path kernel refuses a group with no paths or more paths than lanes",
          "[engine][simd]") {
  // A count past the lanes would make the kernel read and write past its callers' arrays; so
  // would lanes set up beyond the arrays' kMaxPathLanes entries.
  const SimdTarget saved = active_simd_target();
  const Model model = from_file("scenarios/metax.toml");
  CHECK_THROWS_AS(PathLanes(model, kMaxPathLanes + 1), std::logic_error);
  CHECK_THROWS_AS(PathLanes(model, 0), std::logic_error);
  CHECK_THROWS_AS(SectorLanes(kMaxPathLanes + 1), std::logic_error);
  // Lanes for the widest group, so that even an unchecked count stays inside them.
  PathLanes group(model, kMaxPathLanes);
  SectorLanes sectors(kMaxPathLanes);
  sectors.fill(1, 0, kMaxPathLanes, first_calendar_month(model), last_calendar_month(model));
  for (const SimdTarget target : {SimdTarget::scalar, SimdTarget::avx2, SimdTarget::avx512}) {
    if (!set_simd_target(target)) continue;
    CAPTURE(simd_target_name(target));
    const int lanes = path_lanes();
    for (const int count : {0, -1, lanes + 1})
      CHECK_THROWS_AS(simulate_paths(model, 1, 0, count, sectors.of.data(),
                                     group.workspace_of.data(), group.outcome_of.data()),
                      std::logic_error);
    CHECK_NOTHROW(simulate_paths(model, 1, 0, lanes, sectors.of.data(), group.workspace_of.data(),
                                 group.outcome_of.data()));
  }
  set_simd_target(saved);
}

TEST_CASE("a group's sector shocks, drawn together, are each path's own", "[engine][simd]") {
  // SectorLanes draws a group's shocks into one block interleaved by month; each lane's view must
  // read exactly what SectorShocks::fill draws for its path, month by month, at every target.
  const SimdTarget saved = active_simd_target();
  constexpr int kFirstMonth = 24301, kLastMonth = 24390;  // an odd first counter, 90 months
  for (const SimdTarget target : {SimdTarget::scalar, SimdTarget::avx2, SimdTarget::avx512}) {
    if (!set_simd_target(target)) continue;
    CAPTURE(simd_target_name(target));
    for (const int lanes : {1, 3, 4, kMaxPathLanes})
      for (const int count : {1, lanes / 2 + 1, lanes}) {
        CAPTURE(lanes, count);
        SectorLanes sectors(lanes);
        sectors.fill(9, 500, count, kFirstMonth, kLastMonth);
        for (int l = 0; l < count; ++l) {
          SectorShocks own;
          own.fill(9, 500 + static_cast<std::uint64_t>(l), kFirstMonth, kLastMonth);
          const SectorShocks& viewed = sectors.shocks[static_cast<std::size_t>(l)];
          REQUIRE(viewed.covers(9, 500 + static_cast<std::uint64_t>(l), kFirstMonth, kLastMonth));
          REQUIRE(viewed.stride() == lanes);
          for (int month = kFirstMonth; month <= kLastMonth; ++month)
            REQUIRE(std::bit_cast<std::uint64_t>(viewed.from(month)[0]) ==
                    std::bit_cast<std::uint64_t>(own.from(month)[0]));
        }
      }
  }
  set_simd_target(saved);
}

TEST_CASE("a copy of a path's own sector shocks reads its own values", "[engine]") {
  // The shocks drawn by fill live in the object itself; a copy must not read its original's.
  SectorShocks original;
  original.fill(3, 4, 24000, 24011);
  const SectorShocks copy = original;
  const double first = copy.from(24000)[0];
  original.fill(3, 5, 24000, 24011);  // the original now holds another path's shocks
  CHECK(copy.from(24000)[0] == first);
  CHECK(copy.from(24000) != original.from(24000));
  CHECK(copy.stride() == 1);
}
