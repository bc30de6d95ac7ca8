// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

#include "breakeven/analysis/results.hpp"
#include "breakeven/report/text_format.hpp"

namespace breakeven {

struct TerminalStyle {
  bool color = false;  ///< ANSI colours; the CLI asks only for a TTY without NO_COLOR
  int bar_width = 32;  ///< columns of the longest histogram bar
};

/// A compact, aligned summary of one scenario for a terminal: header (name, file, paths, seed,
/// money unit), the headline P(break-even by target) with its standard error, the break-even
/// distribution as a Unicode eighth-block histogram with "cash-out first" and "not within
/// horizon" rows, cash-out, runway, funding need and a fan table by fiscal year. Ends with a
/// newline. Contains no escape sequence unless `style.color`. Warnings are left out: the CLI
/// prints them on stderr as the model is built, and the JSON report carries them.
std::string render_terminal(const ScenarioResult& result, const TerminalStyle& style);

}  // namespace breakeven
