// SPDX-License-Identifier: MIT
// What a path-month costs in the path kernel as the engine runs it (groups of path_lanes() paths
// in SIMD lanes, by instruction set) and in its one-lane twin path by path, what its random
// numbers alone cost, how the engine scales with threads, what a joint batch of the four
// companies costs against four solo runs, and why the per-path streams are pcg64. Run:
//   build/bench/breakeven_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <array>
#include <random>
#include <string>
#include <vector>

#include "breakeven/engine/engine.hpp"
#include "breakeven/engine/path_lanes.hpp"
#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/engine/sector_shocks.hpp"
#include "breakeven/math/counter_normals.hpp"
#include "breakeven/math/random_stream.hpp"
#include "breakeven/scenario/scenario_parser.hpp"

using namespace breakeven;

namespace {

const Model& bench_model() {
  static const Model model = build_model(load_scenario(BREAKEVEN_BENCH_SCENARIO));
  return model;
}

/// Benchmarks with an argument run on SIMD target 0 (scalar), 1 (AVX2) or 2 (AVX-512); the
/// target chosen at start-up is restored afterwards. False (and the benchmark skipped) when the
/// processor lacks it.
bool use_target_of(benchmark::State& state) {
  const auto target = static_cast<SimdTarget>(state.range(0));
  if (set_simd_target(target)) {
    state.SetLabel(std::string(simd_target_name(target)));
    return true;
  }
  state.SkipWithError("this processor lacks the instruction set");
  return false;
}

const SimdTarget kTargetAtStart = active_simd_target();

void restore_target(const benchmark::State&) {
  set_simd_target(kTargetAtStart);
}

/// The one-lane twin (simulate_path, what --trace-path replays), path by path on one thread, at
/// whatever SIMD target is active for its normals: the width-1 reference for
/// BM_PathMonthByTarget.
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

/// The path kernel as the engine's workers run it, on one thread, by SIMD target: each iteration
/// is one group of path_lanes() paths (1, 4 or 8) through simulate_paths, with every path's
/// sector shocks drawn first and its outcome counted after. The time is per group;
/// ns_per_path_month is per path, comparable with BM_PathMonth's.
void BM_PathMonthByTarget(benchmark::State& state) {
  if (!use_target_of(state)) return;
  const Model& model = bench_model();
  const int lanes = path_lanes();
  PathLanes group(model, lanes);
  SectorLanes sectors(lanes);
  const bool draws_sector = uses_sector_shocks(model);
  const int first_month = first_calendar_month(model), last_month = last_calendar_month(model);
  Tally tally(model);
  std::uint64_t first = 0;
  for (auto _ : state) {
    if (draws_sector) sectors.fill(42, first, lanes, first_month, last_month);
    simulate_paths(model, 42, first, lanes, sectors.of.data(), group.workspace_of.data(),
                   group.outcome_of.data());
    for (const PathOutcome& outcome : group.outcomes) tally.add(model, outcome);
    first += static_cast<std::uint64_t>(lanes);
  }
  benchmark::DoNotOptimize(tally.paths);
  const auto path_months = static_cast<double>(state.iterations()) * lanes * model.months;
  state.counters["ns_per_path_month"] = benchmark::Counter(
      path_months * 1e-9, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["lanes"] = lanes;
  restore_target(state);
}
BENCHMARK(BM_PathMonthByTarget)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

/// One block of 90 counter-based normals (a path's months), by instruction set.
void BM_CounterNormals(benchmark::State& state) {
  if (!use_target_of(state)) return;
  double out[90];
  std::uint64_t path = 0;
  for (auto _ : state) {
    CounterNormals(42, path++, Substream::revenue).fill(0, out, 90);
    benchmark::DoNotOptimize(out);
  }
  state.counters["ns_per_normal"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * 90 * 1e-9,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  restore_target(state);
}
BENCHMARK(BM_CounterNormals)->DenseRange(0, 2);

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

/// The same for a group of eight paths at once, as the kernel draws them (slot by slot, every
/// path's quantile side by side); the time is per group.
void BM_DrawParametersGroup(benchmark::State& state) {
  const Model& model = bench_model();
  constexpr int kGroup = 8;
  std::array<std::vector<double>, kGroup> draws;
  std::array<std::vector<double>*, kGroup> into{};
  std::array<std::uint64_t, kGroup> paths{};
  for (std::size_t l = 0; l < draws.size(); ++l) {
    into[l] = &draws[l];
    paths[l] = l;
  }
  for (auto _ : state) {
    draw_parameters(model, 42, paths.data(), kGroup, into.data());
    for (std::uint64_t& path : paths) path += kGroup;
    benchmark::DoNotOptimize(draws[0].data());
  }
}
BENCHMARK(BM_DrawParametersGroup);

/// The same random numbers the full-featured path draws, and nothing else: a keyed uniform per
/// parameter slot and per scheduled round; the funding stream and one stream per event; the
/// sector, company revenue and margin-noise normals of every month, each a counter-based block;
/// and the events' draws (two Poisson events at 0.45 arrivals a year in all: a first-arrival
/// uniform each, then ~3.4 arrivals over 90 months with an effect and a next-arrival uniform
/// each). A path draws the same at every lane width of the kernel (each lane's blocks are its
/// own), so this compares with BM_PathMonth and BM_PathMonthByTarget alike, per path. The
/// argument is the SIMD target of the normals.
void BM_RandomNumbersAlone(benchmark::State& state) {
  if (!use_target_of(state)) return;
  const Model& model = bench_model();
  const std::size_t keyed = model.slots.size() + model.rounds.size();
  const int months = model.months;
  std::vector<double> sector(static_cast<std::size_t>(months)), company(sector.size()),
      margin(sector.size());
  double sink = 0;
  const auto first_month = static_cast<std::uint64_t>(first_calendar_month(model));
  std::uint64_t path = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < keyed; ++i) sink += keyed_uniform(42, path, i + 1);
    CounterNormals(42, path, Substream::sector).fill(first_month, sector.data(), sector.size());
    CounterNormals(42, path, Substream::revenue).fill(0, company.data(), company.size());
    CounterNormals(42, path, Substream::margin).fill(0, margin.data(), margin.size());
    RandomStream funding(42, path, Substream::funding);
    RandomStream event_a(42, path, Substream::events, 1);
    RandomStream event_b(42, path, Substream::events, 2);
    ++path;
    sink += static_cast<double>(funding() >> 63);
    for (int m = 0; m < months; ++m) {
      const auto i = static_cast<std::size_t>(m);
      sink += sector[i] + company[i] + margin[i];
    }
    for (int i = 0; i < 5; ++i) sink += event_a.uniform() + event_b.uniform();
  }
  benchmark::DoNotOptimize(sink);
  state.counters["ns_per_path_month"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * months * 1e-9,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  restore_target(state);
}
BENCHMARK(BM_RandomNumbersAlone)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

/// The whole engine (TBB, tallies, merge) on a fixed batch of paths, by thread count: large
/// enough that per-run costs (a tally per worker, the final merge) are a small share.
constexpr int kEnginePaths = 100000;

void BM_Engine(benchmark::State& state) {
  const Model& model = bench_model();
  const RunPlan plan = whole_run({&model}, 42, kEnginePaths);
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    RunTallies tallies = simulate(plan, {threads, {}});
    benchmark::DoNotOptimize(tallies.scenarios[0].paths);
  }
  state.counters["ns_per_path_month"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * kEnginePaths * model.months * 1e-9,
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Engine)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The four company scenarios of the README, for the joint-batch benchmarks.
const std::vector<Model>& four_companies() {
  static const std::vector<Model> models = [] {
    std::vector<Model> built;
    for (const char* name : {"moore_threads", "metax", "biren", "enflame"})
      built.push_back(
          build_model(load_scenario(std::string(BREAKEVEN_SCENARIO_DIR) + "/" + name + ".toml")));
    return built;
  }();
  return models;
}

constexpr int kBatchPaths = 20000;

/// The four companies run one after another, each alone, on one thread: the cost to beat.
void BM_FourSolo(benchmark::State& state) {
  const std::vector<Model>& models = four_companies();
  for (auto _ : state) {
    for (const Model& model : models) {
      RunTallies tallies = simulate(whole_run({&model}, 2025, kBatchPaths), {1, {}});
      benchmark::DoNotOptimize(tallies.scenarios[0].paths);
    }
  }
}
BENCHMARK(BM_FourSolo)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The same four as one joint batch on one thread: path i of every company before path i + 1,
/// sector shocks drawn once per path, plus the joint counts.
void BM_FourJoint(benchmark::State& state) {
  const std::vector<Model>& models = four_companies();
  RunPlan plan = whole_run({&models[0], &models[1], &models[2], &models[3]}, 2025, kBatchPaths);
  plan.joint = true;
  for (auto _ : state) {
    RunTallies tallies = simulate(plan, {1, {}});
    benchmark::DoNotOptimize(tallies.joint->paths);
  }
}
BENCHMARK(BM_FourJoint)->Unit(benchmark::kMillisecond)->UseRealTime();

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
