// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "breakeven/analysis/results.hpp"
#include "breakeven/report/terminal_report.hpp"

namespace breakeven {

/// The headline table of a batch (issue 3): one aligned row per scenario, in the order given,
/// with the scenario name, its break-even target as written in the file, P(break-even by the
/// target) ± one standard error, the median break-even period, P(cash-out before break-even)
/// and the median funding need. A scenario without a target shows "none" and P(break-even
/// within the horizon), as its summary does. Money is in each file's unit: named once in the
/// header when all rows share it, else beside every amount. A title line states the path
/// count and seed (per row when they differ) and a short legend follows the rows.
///
/// Widths count CJK characters as two columns (display_width). Ends with a newline; contains no
/// escape sequence unless `style.color`. Empty `results` give an empty string.
std::string render_batch_table(const std::vector<ScenarioResult>& results,
                               const TerminalStyle& style);

}  // namespace breakeven
