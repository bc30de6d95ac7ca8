// SPDX-License-Identifier: MIT
// What stopping by precision costs over a fixed run of the same paths: the rounds, the merges
// and the summaries between them. Run with the other benchmarks, or alone:
//   build/bench/breakeven_bench --benchmark_filter=Precision --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include "breakeven/analysis/precision_run.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

using namespace breakeven;

namespace {

constexpr double kGoal = 0.003;

const LoadedRun& precision_bench_run() {
  static const LoadedRun run = [] {
    RunRequest request;
    request.scenarios.push_back({BREAKEVEN_BENCH_SCENARIO, {}});
    return load_run(request);
  }();
  return run;
}

/// The path count a run to kGoal stops at, found once.
std::int64_t stopping_paths() {
  static const std::int64_t paths =
      run_to_precision(precision_bench_run(), {kGoal, kDefaultMaxPaths}, {2, {}}).outcome.paths;
  return paths;
}

void BM_PrecisionRun(benchmark::State& state) {
  const LoadedRun& run = precision_bench_run();
  for (auto _ : state) {
    PrecisionRun result = run_to_precision(run, {kGoal, kDefaultMaxPaths}, {2, {}});
    benchmark::DoNotOptimize(result.outcome.paths);
  }
  state.counters["paths"] = static_cast<double>(stopping_paths());
}
BENCHMARK(BM_PrecisionRun)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The fixed run of the same path count, summarized: what the rounds are compared with.
void BM_PrecisionFixedTwin(benchmark::State& state) {
  LoadedRun run = precision_bench_run();
  run.paths = stopping_paths();
  for (auto _ : state) {
    RunResults results = run_scenarios(run, {2, {}});
    benchmark::DoNotOptimize(results.scenarios[0].paths);
  }
  state.counters["paths"] = static_cast<double>(run.paths);
}
BENCHMARK(BM_PrecisionFixedTwin)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
