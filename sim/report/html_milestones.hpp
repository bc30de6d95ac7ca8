// SPDX-License-Identifier: MIT
#pragma once

// Internal to the HTML report: the milestones section.

#include <string>
#include <vector>

#include "breakeven/analysis/results.hpp"

namespace breakeven::html {

/// One card per scenario with milestones: P(success) and the success month's quantiles. Empty
/// when no scenario has milestones, so other pages are unchanged.
std::string milestones_section(const std::vector<ScenarioResult>& results);

}  // namespace breakeven::html
