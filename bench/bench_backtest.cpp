// SPDX-License-Identifier: MIT
// What a backtest's replay costs next to a plain run of the same paths: the replay records
// every month of every path and sums the periods the actuals ask for. Run:
//   build/bench/breakeven_bench --benchmark_filter=Backtest
#include <benchmark/benchmark.h>

#include "breakeven/engine/engine.hpp"
#include "breakeven/engine/period_samples.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

using namespace breakeven;

namespace {

constexpr std::int64_t kBacktestPaths = 20000;

Model backtest_model() {
  Model model = build_model(load_scenario(BREAKEVEN_BENCH_SCENARIO));
  model.spec.simulation.paths = kBacktestPaths;
  return model;
}

/// The plain run of the same paths, for the ratio.
void BM_BacktestBaselineRun(benchmark::State& state) {
  const Model model = backtest_model();
  for (auto _ : state) benchmark::DoNotOptimize(simulate(scenario_run(model), {1, {}}).paths);
}
BENCHMARK(BM_BacktestBaselineRun)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Six windows, as an actuals file with a year, a half and a quarter of two metrics asks.
void BM_BacktestSamples(benchmark::State& state) {
  const Model model = backtest_model();
  const std::vector<SampleWindow> windows = {
      {ActualMetric::revenue, 0, 11, 0},  {ActualMetric::net_income, 0, 11, 0},
      {ActualMetric::revenue, 12, 17, 0}, {ActualMetric::net_income, 12, 17, 0},
      {ActualMetric::revenue, 18, 20, 0}, {ActualMetric::cash, 0, 23, 0}};
  for (auto _ : state) benchmark::DoNotOptimize(sample_windows(model, windows, 1).size());
}
BENCHMARK(BM_BacktestSamples)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
