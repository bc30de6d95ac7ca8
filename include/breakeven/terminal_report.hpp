// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

#include "breakeven/results.hpp"

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

/// Columns a UTF-8 string occupies in a terminal: East Asian wide and fullwidth characters
/// (CJK, 亿, 万, fullwidth forms) count 2, combining marks 0, everything else 1 (box drawing and
/// block elements included, as terminals draw them in Western locales).
int display_width(std::string_view utf8);

/// `text` padded with spaces on the right (or left when `right_align`) to `width` display columns.
std::string pad_to_width(std::string_view text, int width, bool right_align = false);

/// A horizontal bar of `eighths` eighth-columns made of █ and one of ▏▎▍▌▋▊▉.
std::string eighth_block_bar(int eighths);

/// Decimals that suit amounts up to `largest_magnitude`: 2 below 10, 1 below 100, else 0, so
/// a table column shows about three significant digits for its largest entry.
int amount_decimals(double largest_magnitude);

/// A money amount with `decimals` decimals and thousands separators ("3.40", "-1,234,567");
/// "–" for NaN (a fan point no path reached); never "-0.00".
std::string format_amount(double value, int decimals);

/// format_amount with amount_decimals(|value|): "3.40", "16.5", "702", "1,234,567".
std::string format_amount(double value);

/// A probability as a percentage with one decimal, without the sign: "41.2 %".
std::string format_percent(double share);

/// A standard error in percentage points, without the sign or unit: "0.2", "0.04", "0.004";
/// "?" when not finite. What follows "±" in the reports.
std::string format_se_points(double se);

}  // namespace breakeven
