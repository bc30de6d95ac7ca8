// SPDX-License-Identifier: MIT
#pragma once

// Internal to the HTML report: the joint results of a batch of different companies.

#include <string>

#include "breakeven/analysis/results.hpp"

namespace breakeven::html {

/// The "Joint results" section: a chart of how many scenarios have broken even by each year
/// (one line per "at least k"), the table of P(exactly k) by year, and the pair table.
std::string joint_section(const JointResult& joint);

/// Its CSS rules, appended to the page's stylesheet.
std::string_view joint_stylesheet();

}  // namespace breakeven::html
