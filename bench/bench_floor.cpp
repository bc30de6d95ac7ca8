// SPDX-License-Identifier: MIT
// The floor of this machine for a path kernel (issue 15): the minimal model of floor/, built for
// one, four and eight lanes as sim/engine/path_kernel.cpp builds the kernel, and timed per
// path-month by SIMD target. BM_PathMonthByTarget/t over BM_FloorPathMonth/t, in one run, is how
// far the product's kernel with every feature on is from that floor. Run:
//   build/bench/breakeven_bench --benchmark_filter='PathMonthByTarget|FloorPathMonth'
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>

#include <immintrin.h>

#include "../sim/engine/path/instruction_set_regions.hpp"
#include "breakeven/math/counter_normals.hpp"
#include "breakeven/math/normal_quantile.hpp"
#include "breakeven/math/random_stream.hpp"
#include "floor/floor_model.hpp"

#pragma GCC diagnostic ignored "-Wpsabi"  // vectors pass by value only inside one region

namespace breakeven::floor_bench {
namespace {

namespace one_lane {
constexpr int kLanes = 1;
#include "../sim/engine/path/lane_math.ipp"
#include "floor/floor_lanes.ipp"
}  // namespace one_lane

BREAKEVEN_AVX2_REGION_BEGIN
namespace four_lanes {
constexpr int kLanes = 4;
#include "../sim/engine/path/lane_math.ipp"
#include "floor/floor_lanes.ipp"
}  // namespace four_lanes
BREAKEVEN_REGION_END

BREAKEVEN_AVX512_REGION_BEGIN
namespace eight_lanes {
constexpr int kLanes = 8;
#include "../sim/engine/path/lane_math.ipp"
#include "floor/floor_lanes.ipp"
}  // namespace eight_lanes
BREAKEVEN_REGION_END

/// Half-life decay from 1 to 0, by month: the weight of the start value after m months.
double decay(int m, double half_life_years) {
  return std::exp2(-m / (12.0 * half_life_years));
}

}  // namespace

FloorModel make_floor_model() {
  FloorModel model{};
  constexpr std::array<double, 4> kQuarterSeason = {0.8, 1.0, 1.0, 1.2};
  for (int m = 0; m < kMonths; ++m) {
    const auto i = static_cast<std::size_t>(m);
    model.growth_decay[i] = decay(m, 2.0);
    model.margin_decay[i] = decay(m, 3.0);
    const int calendar_month = (6 + m) % 12;  // month 0 is July
    model.season[i] = kQuarterSeason[static_cast<std::size_t>(calendar_month / 3)];
  }
  model.revenue_vol = 0.35 / std::sqrt(12.0);
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

/// The floor model by SIMD target (0 scalar, 1 AVX2, 2 AVX-512), one group of that target's
/// width per iteration, on one thread: ns_per_path_month is per path, as in BM_PathMonthByTarget.
void BM_FloorPathMonth(benchmark::State& state) {
  const auto target = static_cast<SimdTarget>(state.range(0));
  const SimdTarget before = active_simd_target();
  if (!set_simd_target(target)) {
    state.SkipWithError("this processor lacks the instruction set");
    return;
  }
  state.SetLabel(std::string(simd_target_name(target)));
  constexpr std::array<int, 3> kLanesOf = {1, 4, 8};
  const int lanes = kLanesOf[static_cast<std::size_t>(state.range(0))];
  const floor_bench::FloorModel model = floor_bench::make_floor_model();
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

}  // namespace
