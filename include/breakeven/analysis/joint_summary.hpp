// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "breakeven/analysis/results.hpp"
#include "breakeven/engine/joint_tally.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {

/// Turns joint counts into probabilities with standard errors, labelled with the scenarios'
/// company names and the calendar years of the batch.
JointResult summarize_joint(const std::vector<const Model*>& models, const JointTally& tally);

}  // namespace breakeven
