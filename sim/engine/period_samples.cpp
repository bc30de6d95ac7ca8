// SPDX-License-Identifier: MIT
// Per-path sums over arbitrary periods, for backtests: replays each path with its monthly
// record rather than widening the run's tally, which keeps fixed fiscal-year bins.
#include "breakeven/engine/period_samples.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "breakeven/engine/path_lanes.hpp"
#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/engine/sector_shocks.hpp"

namespace breakeven {
namespace {

constexpr std::int64_t kGrain = 256;

/// One thread's lanes of the path kernel, each path with its monthly record.
struct SamplerWorker {
  PathLanes lanes;
  SectorLanes sectors;
  std::vector<std::vector<MonthRecord>> traces;
  std::array<std::vector<MonthRecord>*, kMaxPathLanes> trace_of{};

  explicit SamplerWorker(const Model& model)
      : lanes(model, path_lanes()), sectors(path_lanes()), traces(lanes.outcomes.size()) {
    for (std::size_t l = 0; l < traces.size(); ++l) {
      traces[l].reserve(static_cast<std::size_t>(model.months));
      trace_of[l] = &traces[l];
    }
  }
  SamplerWorker(const SamplerWorker&) = delete;  // trace_of points into its own traces

  int lane_count() const { return static_cast<int>(traces.size()); }

  /// Simulates paths first .. first + count - 1 (count <= lane_count()) with their records.
  void run(const Model& model, std::uint64_t seed, std::uint64_t first, int count) {
    for (std::size_t l = 0; l < static_cast<std::size_t>(count); ++l) traces[l].clear();
    if (uses_sector_shocks(model))
      sectors.fill(seed, first, count, first_calendar_month(model), last_calendar_month(model));
    simulate_paths(model, seed, first, count, sectors.of.data(), lanes.workspace_of.data(),
                   lanes.outcome_of.data(), trace_of.data());
  }
};

double monthly_value(const MonthRecord& month, ActualMetric metric) {
  switch (metric) {
    case ActualMetric::revenue:
      return month.revenue;
    case ActualMetric::net_income:
      return month.net_income;
    case ActualMetric::operating_cash_flow:
      // free cash flow = operating cash flow - capex (the model's cash identity).
      return month.free_cash_flow + month.capex;
    case ActualMetric::cash:
      return month.cash_end;
  }
  return 0;
}

double window_value(const std::vector<MonthRecord>& trace, const SampleWindow& window) {
  const auto at = [&](int m) -> const MonthRecord& { return trace[static_cast<std::size_t>(m)]; };
  if (window.metric == ActualMetric::cash) return at(window.last_month).cash_end;
  double sum = window.booked;
  for (int m = window.first_month; m <= window.last_month; ++m)
    sum += monthly_value(at(m), window.metric);
  return sum;
}

/// The paths first .. first + count - 1 the worker just ran: each one's value of every window
/// into slot_values[w][path], except where the path ran out of cash by the window's end (its slot
/// keeps its NaN).
void store_window_values(const SamplerWorker& worker, std::int64_t first, int count,
                         const std::vector<SampleWindow>& windows,
                         std::vector<std::vector<double>>& slot_values) {
  for (int l = 0; l < count; ++l) {
    const auto lane = static_cast<std::size_t>(l);
    const int cashout = worker.lanes.outcomes[lane].cashout_month;
    for (std::size_t w = 0; w < windows.size(); ++w) {
      if (cashout >= 0 && cashout <= windows[w].last_month) continue;
      slot_values[w][static_cast<std::size_t>(first + l)] =
          window_value(worker.traces[lane], windows[w]);
    }
  }
}

}  // namespace

std::vector<WindowSamples> sample_windows(const Model& model,
                                          const std::vector<SampleWindow>& windows, int threads) {
  const std::int64_t paths = model.spec.simulation.paths;
  const std::uint64_t seed = model.spec.simulation.seed;
  // One slot per path and window, NaN for a path that ran out of cash by the window's end;
  // compacted in path order afterwards, so the thread schedule cannot change the result.
  const auto slots = static_cast<std::size_t>(paths);
  std::vector<std::vector<double>> slot_values(windows.size(),
                                               std::vector<double>(slots, std::nan("")));
  tbb::enumerable_thread_specific<SamplerWorker> workers([&model] { return SamplerWorker(model); });
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::int64_t>(0, paths, kGrain),
                      [&](const tbb::blocked_range<std::int64_t>& range) {
                        SamplerWorker& worker = workers.local();
                        for (std::int64_t first = range.begin(); first < range.end();
                             first += worker.lane_count()) {
                          const auto count = static_cast<int>(
                              std::min<std::int64_t>(worker.lane_count(), range.end() - first));
                          worker.run(model, seed, static_cast<std::uint64_t>(first), count);
                          store_window_values(worker, first, count, windows, slot_values);
                        }
                      });
  });
  std::vector<WindowSamples> samples(windows.size());
  for (std::size_t w = 0; w < windows.size(); ++w) {
    samples[w].paths = paths;
    samples[w].values.reserve(slots);
    for (double value : slot_values[w])
      if (!std::isnan(value)) samples[w].values.push_back(value);
  }
  return samples;
}

}  // namespace breakeven
