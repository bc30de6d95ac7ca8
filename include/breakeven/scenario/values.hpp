// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breakeven {

/// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

/// Currency units in one `money_unit`: "1" -> 1, "k" -> 1e3, "M" -> 1e6, "B" -> 1e9,
/// "万" -> 1e4, "亿" -> 1e8. nullopt for anything else.
std::optional<double> money_unit_scale(std::string_view unit);

/// The accepted `money_unit` spellings, for messages and suggestions.
const std::vector<std::string>& money_unit_names();

/// Reads a money string into the file's unit (`unit_scale` currency units per unit): a decimal
/// number with an optional suffix k/K, M, B, 万, 亿, 万亿 ("702M", "7.02亿", "1.34万亿",
/// "-3.5k"). Without a suffix the number is in single currency units, so "4.5e8" in a 亿 file
/// is 4.5. nullopt when the text is not of that form or not finite.
std::optional<double> parse_money(std::string_view text, double unit_scale);

/// Reads a percent string: "53.7%" -> 0.537, "-30 %" -> -0.3. nullopt without the '%' or when
/// the number is malformed or not finite.
std::optional<double> parse_percent(std::string_view text);

/// Reads a whole decimal number ("1.5", "-2e3", "+4") with nothing around it but spaces.
/// nullopt for nan, inf and anything else.
std::optional<double> parse_decimal(std::string_view text);

/// Shortest text that reads back as the same double, for messages: 1.4, -1, 1e+20, inf.
std::string format_number(double x);

}  // namespace breakeven
