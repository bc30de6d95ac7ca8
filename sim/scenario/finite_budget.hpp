// SPDX-License-Identifier: MIT
#pragma once

// The check that lets nothing that validates fail in a run: every revenue and cost line a path
// can reach over the horizon must stay below a ceiling that the run's exact sums over paths can
// hold. Each key has its own range; this bounds what their combination compounds to.

#include <string>
#include <vector>

#include "breakeven/scenario/errors.hpp"
#include "breakeven/scenario/scenario_spec.hpp"

namespace breakeven::detail {

/// The largest annual amount of any line, in the file's money unit, that a path may reach. A
/// path's funding need is then below 600 months x 11 such amounts (costs, and working capital
/// of up to 10 years of revenue), about 1e21, and a billion paths sum to 1e30: within the
/// run's exact 128-bit sums (2^103 money units).
inline constexpr double kAmountCeiling = 1e17;

/// Appends one error per line (revenue, R&D, SG&A, share-based pay) that could pass the ceiling,
/// naming the key that drives it most. Growth and fixed effects count at their largest draw;
/// volatility and Poisson events at nine standard deviations (a chance below 1e-18 a path).
void check_finite_budget(const ScenarioSpec& spec, std::vector<ScenarioError>& errors);

/// The key that drives the largest line most (for a run-time message naming a key).
std::string largest_amount_driver(const ScenarioSpec& spec);

}  // namespace breakeven::detail
