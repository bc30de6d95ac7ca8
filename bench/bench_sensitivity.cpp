// SPDX-License-Identifier: MIT
// What a sensitivity analysis costs against one plain run of the same scenario: it is one run
// that records every path, then two runs per uncertain parameter, so it should cost about
// (2k + 1) runs and never more. A sweep point costs one run plus its paired differences. Run:
//   build/bench/breakeven_bench_sensitivity --benchmark_repetitions=5
//   (add --benchmark_report_aggregates_only=true for the medians alone)
#include <benchmark/benchmark.h>

#include "breakeven/analysis/sensitivity.hpp"
#include "breakeven/analysis/summary.hpp"
#include "breakeven/analysis/sweep.hpp"
#include "breakeven/engine/engine.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

using namespace breakeven;

namespace {

constexpr int kThreads = 1;  // the ratio is about work, not about how two cores share it

const Model& metax() {
  static const Model model = [] {
    ScenarioSpec spec = load_scenario(BREAKEVEN_METAX_SCENARIO);
    spec.simulation.paths = 5000;
    return build_model(spec);
  }();
  return model;
}

std::int64_t uncertain_parameters(const Model& model) {
  std::int64_t k = 0;
  for (const auto& slot : model.slots) k += slot.dist.is_constant() ? 0 : 1;
  return k;
}

/// One run as `breakeven run` makes it: simulate and summarise.
void BM_OneRun(benchmark::State& state) {
  const Model& model = metax();
  for (auto _ : state) {
    ScenarioResult result =
        summarize(model, simulate(scenario_run(model), {kThreads, {}}).scenarios[0]);
    benchmark::DoNotOptimize(result);
  }
  state.counters["k"] = static_cast<double>(uncertain_parameters(model));
}
BENCHMARK(BM_OneRun)->Unit(benchmark::kMillisecond);

/// The whole sensitivity analysis: 2k + 1 runs, the per-path table, ranks and tail.
void BM_Sensitivity(benchmark::State& state) {
  const Model& model = metax();
  SensitivityOptions options;
  options.threads = kThreads;
  for (auto _ : state) {
    SensitivityResult result = run_sensitivity(model, options);
    benchmark::DoNotOptimize(result);
  }
  state.counters["runs"] = static_cast<double>(2 * uncertain_parameters(model) + 1);
}
BENCHMARK(BM_Sensitivity)->Unit(benchmark::kMillisecond);

/// Only the recording run of a sensitivity analysis: what the per-path observer adds to a run.
void BM_RunWithPathTable(benchmark::State& state) {
  const Model& model = metax();
  SensitivityOptions options;
  options.threads = kThreads;
  for (auto _ : state) {
    PathTable table;
    ScenarioResult result = run_with_path_table(model, table, options);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_RunWithPathTable)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
