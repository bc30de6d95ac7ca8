// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

/// Text formatting shared by every report: display widths, padding, bars, amounts, percents.
namespace breakeven {

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
