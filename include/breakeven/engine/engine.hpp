// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>

#include "breakeven/engine/tally.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {

struct EngineOptions {
  int threads = 0;  ///< 0: all hardware threads
  /// Called from worker threads with the number of paths finished so far (monotone, not
  /// necessarily every block). Must be thread-safe and cheap. The core itself prints nothing.
  std::function<void(std::int64_t paths_done)> progress;
  /// Called once per path, on the worker thread that simulated it, with the path's index, its
  /// outcome and its workspace (drawn parameters, event occurrences, rounds landed, raises). For
  /// analyses that need per-path values: a caller writes into a slot it preallocated for that
  /// path index, so what it collects does not depend on the threads. Must not touch anything
  /// another path's call could touch. Unset (the default), it costs one test per path.
  std::function<void(std::int64_t path, const PathOutcome& outcome, const PathWorkspace& workspace)>
      on_path;
};

/// Simulates Model::spec.simulation.paths paths with its seed across TBB workers and returns the
/// merged tally. Identical for every thread count.
Tally simulate(const Model& model, const EngineOptions& options = {});

/// The serial twin of simulate(): the oracle in tests.
Tally simulate_serial(const Model& model);

}  // namespace breakeven
