// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "breakeven/analysis/results.hpp"
#include "breakeven/engine/tally.hpp"

namespace breakeven {

/// P(success) and the success-month distribution of every milestone, in file order.
std::vector<MilestoneResult> summarize_milestones(const Model& model, const Tally& tally);

}  // namespace breakeven
