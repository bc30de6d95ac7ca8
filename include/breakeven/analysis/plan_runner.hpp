// SPDX-License-Identifier: MIT
#pragma once

// How an analysis evaluates one plan: in this process, or with its paths shared among the
// processes of a group. Sweep, solve and sensitivity run every evaluation through a PlanRunner,
// so they do not know how many processes take part, and their results cannot depend on it.

#include <cstddef>
#include <functional>
#include <vector>

#include "breakeven/engine/engine.hpp"

namespace breakeven {

/// Per-path values that a plan's observer writes, one element of `element_size` bytes per path:
/// path p's element at data() + p * element_size (p is the run's path index, not the range's).
/// data() is called after the run, once the caller's storage is sized for the plan's range.
struct PathColumn {
  std::size_t element_size = 0;
  std::function<std::byte*()> data;
};

/// The column of a vector indexed by path.
template <typename T>
PathColumn path_column(std::vector<T>& values) {
  return {sizeof(T), [&values] { return reinterpret_cast<std::byte*>(values.data()); }};
}

class PlanRunner {
 public:
  virtual ~PlanRunner() = default;
  /// Simulates `plan` and returns the tallies of its whole range, bit for bit those of
  /// simulate(plan). On return every column holds, for every path of the range, what the plan's
  /// observer wrote for it, as if this process had run every path. Every process of a group calls
  /// it with the same plan, in the same order.
  virtual RunTallies evaluate(const RunPlan& plan, const EngineOptions& options,
                              const std::vector<PathColumn>& columns) = 0;
};

/// This process alone: simulate(plan, options), the columns already written by the observer.
PlanRunner& local_runner();

}  // namespace breakeven
