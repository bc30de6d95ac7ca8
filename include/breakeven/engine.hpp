// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>

#include "breakeven/model.hpp"
#include "breakeven/results.hpp"
#include "breakeven/tally.hpp"

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

/// Turns counts into the reported probabilities, quantiles, histograms and fans.
ScenarioResult summarize(const Model& model, const Tally& tally);

}  // namespace breakeven
