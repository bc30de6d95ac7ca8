// SPDX-License-Identifier: MIT
#pragma once

// Reading one [[milestones]] table: a tape-out or launch that can fail and be re-spun.

#include "breakeven/scenario/scenario_spec.hpp"
#include "toml_reader.hpp"

namespace breakeven::detail {

/// One milestone, range-checked key by key. Names, `requires` links and cycles are checked by
/// `check_milestone_links` once every milestone is read.
MilestoneSpec read_milestone(const TableReader& table);

/// Refuses duplicate names, a `requires` naming no milestone, and a cycle of `requires` (naming
/// two milestones on it). Throws ScenarioError at the offending `requires` key.
void check_milestone_links(const ScenarioSpec& spec);

}  // namespace breakeven::detail
