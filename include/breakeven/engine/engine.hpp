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
};

/// Simulates Model::spec.simulation.paths paths with its seed across TBB workers and returns the
/// merged tally. Identical for every thread count.
Tally simulate(const Model& model, const EngineOptions& options = {});

/// The serial twin of simulate(): the oracle in tests.
Tally simulate_serial(const Model& model);

}  // namespace breakeven
