// SPDX-License-Identifier: MIT
#include "breakeven/engine/engine.hpp"

#include <algorithm>
#include <atomic>
#include <climits>
#include <memory>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include "breakeven/engine/path_lanes.hpp"
#include "breakeven/engine/sector_shocks.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

/// One model's share of a worker: its tally, and the path kernel's lanes, reused for every
/// group of paths.
struct ModelLanes {
  Tally tally;
  PathLanes lanes;
  ModelLanes(const Model& model, int lane_count) : tally(model), lanes(model, lane_count) {}
};

/// The calendar span of sector shocks the plan's models read; empty when none reads any.
struct SectorSpan {
  int first = INT_MAX, last = INT_MIN;
  bool empty() const { return first > last; }
};

SectorSpan sector_span(const RunPlan& plan) {
  SectorSpan span;
  for (const Model* model : plan.models) {
    if (!uses_sector_shocks(*model)) continue;
    span.first = std::min(span.first, first_calendar_month(*model));
    span.last = std::max(span.last, last_calendar_month(*model));
  }
  return span;
}

/// What one worker thread owns: each model's lanes and the sector shocks of a group of paths.
class Worker {
 public:
  Worker(const RunPlan& plan, SectorSpan span)
      : plan_(plan), span_(span), lanes_(path_lanes()), sectors_(lanes_) {
    models_.reserve(plan.models.size());
    for (const Model* model : plan.models) models_.emplace_back(*model, lanes_);
    if (plan.joint) {
      joint_.emplace(plan.models);
      marks_.resize(plan.models.size());
    }
  }

  /// The block's paths in groups of one per lane of the path kernel. Every model runs a group
  /// before the next group starts, so the sector shocks are drawn once per path; then the paths'
  /// outcomes are counted in path order.
  void run(PathBlock block) {
    for (std::int64_t first = block.begin; first < block.end; first += lanes_) {
      const int count = static_cast<int>(std::min<std::int64_t>(lanes_, block.end - first));
      const auto first_index = static_cast<std::uint64_t>(first);
      if (!span_.empty()) sectors_.fill(plan_.seed, first_index, count, span_.first, span_.last);
      for (std::size_t m = 0; m < models_.size(); ++m)
        simulate_paths(*plan_.models[m], plan_.seed, first_index, count, sectors_.of.data(),
                       models_[m].lanes.workspace_of.data(), models_[m].lanes.outcome_of.data());
      for (int l = 0; l < count; ++l) count_path(first + l, static_cast<std::size_t>(l));
    }
  }

  /// Adds this worker's tallies into `into` (or moves them there when it is empty).
  void merge_into(RunTallies& into) {
    if (into.scenarios.empty()) {
      for (ModelLanes& model : models_) into.scenarios.push_back(std::move(model.tally));
      into.joint = std::move(joint_);
      return;
    }
    for (std::size_t m = 0; m < models_.size(); ++m) into.scenarios[m].merge(models_[m].tally);
    if (joint_) into.joint->merge(*joint_);
  }

 private:
  /// Counts path `path`, simulated in lane `lane`, for every model.
  void count_path(std::int64_t path, std::size_t lane) {
    for (std::size_t m = 0; m < models_.size(); ++m) {
      const Model& model = *plan_.models[m];
      const PathOutcome& outcome = models_[m].lanes.outcomes[lane];
      models_[m].tally.add(model, outcome);
      if (plan_.on_path) plan_.on_path(m, path, outcome, models_[m].lanes.workspaces[lane]);
      if (joint_) marks_[m] = joint_mark(model, outcome);
    }
    if (joint_) joint_->add(marks_);
  }

  const RunPlan& plan_;
  SectorSpan span_;
  int lanes_;
  std::vector<ModelLanes> models_;
  SectorLanes sectors_;
  std::optional<JointTally> joint_;
  std::vector<JointMark> marks_;
};

RunTallies empty_tallies(const RunPlan& plan) {
  RunTallies tallies;
  tallies.seed = plan.seed;
  tallies.paths = plan.paths;
  tallies.begin = plan.begin;
  tallies.end = plan.end;
  return tallies;
}

void fill_missing(const RunPlan& plan, RunTallies& tallies) {
  if (!tallies.scenarios.empty()) return;  // an empty range ran no worker
  for (const Model* model : plan.models) tallies.scenarios.emplace_back(*model);
  if (plan.joint) tallies.joint.emplace(plan.models);
}

}  // namespace

RunTallies simulate(const RunPlan& plan, const EngineOptions& options) {
  check_plan(plan);
  const SectorSpan span = sector_span(plan);
  const std::vector<PathBlock> blocks = blocks_of(plan);
  tbb::enumerable_thread_specific<Worker> workers([&] { return Worker(plan, span); });
  std::atomic<std::int64_t> done{0};
  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, blocks.size(), 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
          for (std::size_t b = range.begin(); b < range.end(); ++b) {
            workers.local().run(blocks[b]);
            const std::int64_t size = blocks[b].end - blocks[b].begin;
            const std::int64_t finished = done.fetch_add(size) + size;
            if (options.progress) options.progress(finished);
          }
        },
        tbb::simple_partitioner());
  });
  // Every tally member is an integer count, so the order in which workers merge does not matter.
  // The first worker's tallies become the total: a tally is ~10 MB of bins, and the merge is the
  // serial part of a run.
  RunTallies total = empty_tallies(plan);
  for (Worker& worker : workers) worker.merge_into(total);
  fill_missing(plan, total);
  return total;
}

RunTallies simulate_serial(const RunPlan& plan) {
  check_plan(plan);
  Worker worker(plan, sector_span(plan));
  for (const PathBlock& block : blocks_of(plan)) worker.run(block);
  RunTallies total = empty_tallies(plan);
  worker.merge_into(total);
  return total;
}

void merge_tallies(RunTallies& into, const RunTallies& other) {
  if (into.seed != other.seed || into.paths != other.paths ||
      into.scenarios.size() != other.scenarios.size())
    throw UsageError(
        "tallies of different runs (seed, path count or scenarios differ) cannot merge");
  if (other.begin != into.end && other.end != into.begin)
    throw UsageError("tallies of paths [" + std::to_string(into.begin) + ", " +
                     std::to_string(into.end) + ") and [" + std::to_string(other.begin) + ", " +
                     std::to_string(other.end) + ") do not form one range");
  if (into.joint.has_value() != other.joint.has_value())
    throw UsageError("tallies with and without joint results cannot merge");
  for (std::size_t i = 0; i < into.scenarios.size(); ++i)
    into.scenarios[i].merge(other.scenarios[i]);
  if (into.joint) into.joint->merge(*other.joint);
  into.begin = std::min(into.begin, other.begin);
  into.end = std::max(into.end, other.end);
}

}  // namespace breakeven
