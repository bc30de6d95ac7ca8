// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "breakeven/analysis/results.hpp"
#include "breakeven/report/terminal_report.hpp"

namespace breakeven {

/// The joint results of a batch for a terminal: by calendar year, a stacked bar and the shares of
/// paths on which exactly k of the companies have broken even by the year's end; P(every / no
/// company by its own target); then the pair table (A first, B first, same month, neither). Ends
/// with a newline; contains no escape sequence unless `style.color`.
std::string render_joint_table(const JointResult& joint, const TerminalStyle& style);

}  // namespace breakeven
