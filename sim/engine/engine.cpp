// SPDX-License-Identifier: MIT
#include "breakeven/engine/engine.hpp"

#include <atomic>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace breakeven {
namespace {

// Paths per task: large enough to amortise scheduling (~0.1 ms of work per task), small enough
// that the last tasks balance across cores even in short runs and progress updates are frequent.
// Results do not depend on it: all tallies are integer counts.
constexpr std::int64_t kGrain = 256;

/// What one worker thread owns: its tally and its scratch space, reused for every path.
struct Worker {
  Tally tally;
  PathWorkspace workspace;
  PathOutcome outcome;
  explicit Worker(const Model& model) : tally(model), workspace(model) {
    outcome.years.resize(model.fiscal_years.size());
  }
};

using PathObserver = std::function<void(std::int64_t, const PathOutcome&, const PathWorkspace&)>;

void run_paths(const Model& model, std::int64_t begin, std::int64_t end, Worker& worker,
               const PathObserver* on_path = nullptr) {
  const std::uint64_t seed = model.spec.simulation.seed;
  for (std::int64_t path = begin; path < end; ++path) {
    simulate_path(model, seed, static_cast<std::uint64_t>(path), worker.workspace, worker.outcome);
    worker.tally.add(model, worker.outcome);
    if (on_path != nullptr) (*on_path)(path, worker.outcome, worker.workspace);
  }
}

}  // namespace

Tally simulate(const Model& model, const EngineOptions& options) {
  const std::int64_t paths = model.spec.simulation.paths;
  tbb::enumerable_thread_specific<Worker> workers([&model] { return Worker(model); });
  std::atomic<std::int64_t> done{0};
  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::int64_t>(0, paths, kGrain),
                      [&](const tbb::blocked_range<std::int64_t>& range) {
                        run_paths(model, range.begin(), range.end(), workers.local(),
                                  options.on_path ? &options.on_path : nullptr);
                        const std::int64_t finished =
                            done.fetch_add(static_cast<std::int64_t>(range.size())) +
                            static_cast<std::int64_t>(range.size());
                        if (options.progress) options.progress(finished);
                      });
  });
  // Integer counts merge exactly, so the order of the workers does not matter. The first
  // worker's tally becomes the total: a tally is ~10 MB of bins, and the merge is the serial part
  // of a run.
  auto worker = workers.begin();
  if (worker == workers.end()) return Tally(model);
  Tally total = std::move(worker->tally);
  for (++worker; worker != workers.end(); ++worker) total.merge(worker->tally);
  return total;
}

Tally simulate_serial(const Model& model) {
  Worker worker(model);
  run_paths(model, 0, model.spec.simulation.paths, worker);
  return std::move(worker.tally);
}

}  // namespace breakeven
