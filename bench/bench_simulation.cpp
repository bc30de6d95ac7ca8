// SPDX-License-Identifier: MIT
// What a path-month costs, what its random numbers alone cost, how the engine scales with
// threads, and why the per-path streams are pcg64. Run:
//   build/bench/breakeven_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <random>

#include "breakeven/engine/engine.hpp"
#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/math/random_stream.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

using namespace breakeven;

namespace {

const Model& bench_model() {
  static const Model model = build_model(load_scenario(BREAKEVEN_BENCH_SCENARIO));
  return model;
}

/// One thread simulating paths one after another: the cost of the model itself.
void BM_PathMonth(benchmark::State& state) {
  const Model& model = bench_model();
  PathWorkspace workspace(model);
  PathOutcome outcome;
  outcome.years.resize(model.fiscal_years.size());
  Tally tally(model);
  std::uint64_t path = 0;
  for (auto _ : state) {
    simulate_path(model, 42, path++, workspace, outcome);
    tally.add(model, outcome);
  }
  benchmark::DoNotOptimize(tally.paths);
  const auto path_months = static_cast<double>(state.iterations()) * model.months;
  // kIsRate | kInvert turns "path-months per second" into seconds per path-month; the 1e-9
  // scale makes it nanoseconds.
  state.counters["ns_per_path_month"] = benchmark::Counter(
      path_months * 1e-9, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_PathMonth)->Unit(benchmark::kMicrosecond);

/// Drawing one path's (P) parameters: inverse CDFs of every slot.
void BM_DrawParameters(benchmark::State& state) {
  const Model& model = bench_model();
  std::vector<double> draws;
  std::uint64_t path = 0;
  for (auto _ : state) {
    draw_parameters(model, 42, path++, draws);
    benchmark::DoNotOptimize(draws.data());
  }
}
BENCHMARK(BM_DrawParameters);

/// The same random numbers the full-featured path draws, and nothing else: a keyed uniform per
/// parameter slot and per scheduled round; the sector, revenue, margin and funding streams and one
/// stream per event; per month a sector and a company normal for revenue and a normal for margin
/// noise; and the events' draws (two Poisson events at 0.45 arrivals a year in all: a
/// first-arrival uniform each, then ~3.4 arrivals over 90 months with an effect and a next-arrival
/// uniform each).
void BM_RandomNumbersAlone(benchmark::State& state) {
  const Model& model = bench_model();
  const std::size_t keyed = model.slots.size() + model.rounds.size();
  const int months = model.months;
  double sink = 0;
  std::uint64_t path = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < keyed; ++i) sink += keyed_uniform(42, path, i + 1);
    RandomStream sector(42, path, Substream::sector);
    RandomStream company(42, path, Substream::revenue);
    RandomStream margin(42, path, Substream::margin);
    RandomStream funding(42, path, Substream::funding);
    RandomStream event_a(42, path, Substream::events, 1);
    RandomStream event_b(42, path, Substream::events, 2);
    ++path;
    sink += static_cast<double>(funding() >> 63);
    for (int m = 0; m < months; ++m) sink += sector.normal() + company.normal() + margin.normal();
    for (int i = 0; i < 5; ++i) sink += event_a.uniform() + event_b.uniform();
  }
  benchmark::DoNotOptimize(sink);
  state.counters["ns_per_path_month"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * months * 1e-9,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_RandomNumbersAlone)->Unit(benchmark::kMicrosecond);

/// The whole engine (TBB, tallies, merge) on a fixed batch of paths, by thread count: large
/// enough that per-run costs (a tally per worker, the final merge) are a small share.
constexpr int kEnginePaths = 100000;

void BM_Engine(benchmark::State& state) {
  Model model = bench_model();
  model.spec.simulation.paths = kEnginePaths;
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    Tally tally = simulate(model, {threads, {}, {}});
    benchmark::DoNotOptimize(tally.paths);
  }
  state.counters["ns_per_path_month"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * kEnginePaths * model.months * 1e-9,
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Engine)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Creating a path's stream and drawing once: pcg64 (chosen) against seeding an mt19937.
void BM_StreamCreation_pcg64(benchmark::State& state) {
  std::uint64_t path = 0;
  for (auto _ : state) {
    RandomStream stream(42, path++, Substream::revenue);
    benchmark::DoNotOptimize(stream());
  }
}
BENCHMARK(BM_StreamCreation_pcg64);

void BM_StreamCreation_mt19937(benchmark::State& state) {
  std::uint64_t path = 0;
  for (auto _ : state) {
    std::mt19937 engine(static_cast<std::uint32_t>(mix64(42 ^ path++)));
    benchmark::DoNotOptimize(engine());
  }
}
BENCHMARK(BM_StreamCreation_mt19937);

void BM_Normal_pcg64(benchmark::State& state) {
  RandomStream stream(42, 0, Substream::revenue);
  for (auto _ : state) benchmark::DoNotOptimize(stream.normal());
}
BENCHMARK(BM_Normal_pcg64);

}  // namespace

BENCHMARK_MAIN();
