// SPDX-License-Identifier: MIT
// The floor of this machine for a path kernel (issue 15): the minimal model of floor/, built for
// one, four and eight lanes by the kernel's own per_width.ipp, and timed per
// path-month by SIMD target. BM_PathMonthByTarget/t over BM_FloorPathMonth/t, in one run, is how
// far the product's kernel with every feature on is from that floor; BM_KernelOverFloor/t times
// the two alternately, group by group, for a ratio that the host's drift does not move. Run:
//   build/bench/breakeven_bench --benchmark_filter='PathMonthByTarget|FloorPathMonth|OverFloor'
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

#include <immintrin.h>

#include "breakeven/engine/path_lanes.hpp"
#include "breakeven/engine/sector_shocks.hpp"
#include "breakeven/engine/tally.hpp"
#include "breakeven/math/counter_normals.hpp"
#include "breakeven/math/normal_quantile.hpp"
#include "breakeven/math/random_stream.hpp"
#include "breakeven/model/model.hpp"
#include "breakeven/scenario/scenario_parser.hpp"
#include "floor/floor_model.hpp"

#pragma GCC diagnostic ignored "-Wpsabi"  // vectors pass by value only inside one region

namespace breakeven::floor_bench {
namespace {

#define BREAKEVEN_LANE_SOURCE "bench/floor/floor_lanes.ipp"
#include "sim/engine/path/per_width.ipp"
#undef BREAKEVEN_LANE_SOURCE

}  // namespace

FloorModel make_floor_model(const Model& scenario) {
  if (scenario.months != kMonths || scenario.seasonality.size() != kMonths)
    throw std::invalid_argument("the floor model is sized for 90 months");
  FloorModel model{};
  // The month tables and the volatility are the scenario's own, as the kernel uses them.
  std::copy_n(scenario.growth_decay.begin(), kMonths, model.growth_decay.begin());
  std::copy_n(scenario.margin_decay.begin(), kMonths, model.margin_decay.begin());
  std::copy_n(scenario.seasonality.begin(), kMonths, model.season.begin());
  model.revenue_vol = scenario.spec.revenue.volatility / std::sqrt(12.0);
  const double monthly_arrival = -std::expm1(-0.15 / 12);
  model.event_threshold = standard_normal_quantile(1 - monthly_arrival);
  model.event_factor = 1 - 0.225;  // the middle of "Top customer lost": -0.35 .. -0.10
  return model;
}

void simulate_floor_group(const FloorModel& model, std::uint64_t seed, std::uint64_t first,
                          int lanes, FloorTally& tally) {
  switch (lanes) {
    case 8:
      eight_lanes::floor_group(model, seed, first, tally);
      return;
    case 4:
      four_lanes::floor_group(model, seed, first, tally);
      return;
    default:
      one_lane::floor_group(model, seed, first, tally);
  }
}

}  // namespace breakeven::floor_bench

namespace {

using namespace breakeven;

/// Switches to the SIMD target the benchmark's argument names (0 scalar, 1 AVX2, 2 AVX-512) and
/// labels the benchmark with it; false, and the benchmark skipped, where the processor lacks it.
bool use_target_of(benchmark::State& state) {
  const auto target = static_cast<SimdTarget>(state.range(0));
  if (!set_simd_target(target)) {
    state.SkipWithError("this processor lacks the instruction set");
    return false;
  }
  state.SetLabel(std::string(simd_target_name(target)));
  return true;
}

/// The floor model by SIMD target (0 scalar, 1 AVX2, 2 AVX-512), one group of that target's
/// width per iteration, on one thread: ns_per_path_month is per path, as in BM_PathMonthByTarget.
void BM_FloorPathMonth(benchmark::State& state) {
  const SimdTarget before = active_simd_target();
  if (!use_target_of(state)) return;
  constexpr std::array<int, 3> kLanesOf = {1, 4, 8};
  const int lanes = kLanesOf[static_cast<std::size_t>(state.range(0))];
  const floor_bench::FloorModel model =
      floor_bench::make_floor_model(build_model(load_scenario(BREAKEVEN_BENCH_SCENARIO)));
  floor_bench::FloorTally tally;
  std::uint64_t first = 0;
  for (auto _ : state) {
    floor_bench::simulate_floor_group(model, 42, first, lanes, tally);
    first += static_cast<std::uint64_t>(lanes);
  }
  benchmark::DoNotOptimize(tally);
  const double path_months = static_cast<double>(tally.paths) * floor_bench::kMonths;
  state.counters["ns_per_path_month"] = benchmark::Counter(
      path_months * 1e-9, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  // What the paths came to, so that a change that broke the model shows in the output.
  state.counters["p_breakeven_by_2027"] =
      static_cast<double>(tally.breakeven_by_year[0] + tally.breakeven_by_year[1] +
                          tally.breakeven_by_year[2]) /
      static_cast<double>(tally.paths);
  state.counters["p_cashout"] =
      1 - static_cast<double>(tally.cashout_by_year[floor_bench::kYears]) /
              static_cast<double>(tally.paths);
  state.counters["lanes"] = lanes;
  set_simd_target(before);
}
BENCHMARK(BM_FloorPathMonth)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

/// The kernel as BM_PathMonthByTarget runs it and the floor as BM_FloorPathMonth runs it, by SIMD
/// target, alternating group by group, each on its own clock. On a shared virtual machine the
/// host's speed drifts by tens of percent from one minute to the next, and two benchmarks run one
/// after the other see different hosts; alternating every few microseconds, the two see the same
/// one, so `kernel_over_floor` is steadier than the ratio of the two benchmarks. The two working
/// sets share the caches here, as they do not when each runs alone.
void BM_KernelOverFloor(benchmark::State& state) {
  const SimdTarget before = active_simd_target();
  if (!use_target_of(state)) return;
  const Model scenario = build_model(load_scenario(BREAKEVEN_BENCH_SCENARIO));
  const floor_bench::FloorModel floor_model = floor_bench::make_floor_model(scenario);
  const int lanes = path_lanes();
  PathLanes group(scenario, lanes);
  SectorLanes sectors(lanes);
  const bool draws_sector = uses_sector_shocks(scenario);
  const int first_month = first_calendar_month(scenario);
  const int last_month = last_calendar_month(scenario);
  Tally tally(scenario);
  floor_bench::FloorTally floor_tally;
  using Clock = std::chrono::steady_clock;
  Clock::duration kernel_time{}, floor_time{};
  std::uint64_t first = 0;
  for (auto _ : state) {
    const Clock::time_point start = Clock::now();
    if (draws_sector) sectors.fill(42, first, lanes, first_month, last_month);
    simulate_paths(scenario, 42, first, lanes, sectors.of.data(), group.workspace_of.data(),
                   group.outcome_of.data());
    for (const PathOutcome& outcome : group.outcomes) tally.add(scenario, outcome);
    const Clock::time_point kernel_done = Clock::now();
    floor_bench::simulate_floor_group(floor_model, 42, first, lanes, floor_tally);
    kernel_time += kernel_done - start;
    floor_time += Clock::now() - kernel_done;
    first += static_cast<std::uint64_t>(lanes);
  }
  benchmark::DoNotOptimize(tally.paths);
  benchmark::DoNotOptimize(floor_tally);
  const double path_months = static_cast<double>(state.iterations()) * lanes * scenario.months;
  const auto ns = [](Clock::duration d) {
    return static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
  };
  state.counters["kernel_ns_per_path_month"] = ns(kernel_time) / path_months;
  state.counters["floor_ns_per_path_month"] = ns(floor_time) / path_months;
  state.counters["kernel_over_floor"] = ns(kernel_time) / ns(floor_time);
  state.counters["lanes"] = lanes;
  set_simd_target(before);
}
BENCHMARK(BM_KernelOverFloor)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

}  // namespace
