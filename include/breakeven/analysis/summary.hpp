// SPDX-License-Identifier: MIT
#pragma once

#include "breakeven/analysis/results.hpp"
#include "breakeven/engine/tally.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {

/// Turns counts into the reported probabilities, quantiles, histograms and fans.
ScenarioResult summarize(const Model& model, const Tally& tally);

}  // namespace breakeven
