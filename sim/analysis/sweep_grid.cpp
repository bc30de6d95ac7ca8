// SPDX-License-Identifier: MIT
// The `--vary` grammar: a key and a list of TOML values, or an evenly spaced numeric range.
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "breakeven/analysis/sweep.hpp"
#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::optional<double> to_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

/// "LO:HI:N" when the whole text is two numbers and a count; nullopt otherwise (then the text is
/// a list of TOML values, where a colon can only appear inside a string).
std::optional<std::vector<std::string>> range_values(std::string_view text,
                                                     std::string_view argument) {
  const auto first = text.find(':');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = text.find(':', first + 1);
  if (second == std::string_view::npos || text.find(':', second + 1) != std::string_view::npos)
    return std::nullopt;
  const auto lo = to_number(text.substr(0, first));
  const auto hi = to_number(text.substr(first + 1, second - first - 1));
  if (!lo || !hi) return std::nullopt;
  const std::string_view count_text = trim(text.substr(second + 1));
  long long count = 0;
  const auto [end, error] =
      std::from_chars(count_text.data(), count_text.data() + count_text.size(), count);
  if (error != std::errc() || end != count_text.data() + count_text.size() || count < 1)
    throw UsageError(
        fmt::format("--vary {}: the count N of LO:HI:N must be a positive integer", argument));
  if (count > static_cast<long long>(kMaxSweepPoints))
    throw UsageError(fmt::format("--vary {}: {} values; a sweep has at most {} points", argument,
                                 count, kMaxSweepPoints));
  std::vector<std::string> values;
  for (long long i = 0; i < count; ++i) {
    // Interpolated from both ends so that HI comes out as written, not LO + (N-1) steps.
    const double t = count == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(count - 1);
    const double value = count == 1 ? *lo : *lo * (1 - t) + *hi * t;
    // 12 significant digits: 0.1:0.3:3 gives 0.2, not 0.20000000000000001.
    values.push_back(fmt::format("{:.12g}", value == 0 ? 0.0 : value));
  }
  return values;
}

/// Splits at commas that are outside braces, brackets and quoted strings.
std::vector<std::string> split_values(std::string_view text) {
  std::vector<std::string> values;
  int depth = 0;
  char quote = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == '\\' && quote == '"')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 0) {
      values.emplace_back(trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  values.emplace_back(trim(text.substr(start)));
  return values;
}

}  // namespace

VaryAxis parse_vary(std::string_view argument) {
  VaryAxis axis;
  axis.argument = std::string(argument);
  const auto equals = argument.find('=');
  if (equals == std::string_view::npos)
    throw UsageError(fmt::format("--vary {}: expected KEY=V1,V2,... or KEY=LO:HI:N", argument));
  axis.key = std::string(trim(argument.substr(0, equals)));
  const std::string_view list = trim(argument.substr(equals + 1));
  if (axis.key.empty() || list.empty())
    throw UsageError(fmt::format("--vary {}: expected KEY=V1,V2,... or KEY=LO:HI:N", argument));
  if (auto range = range_values(list, argument)) {
    axis.values = std::move(*range);
    return axis;
  }
  axis.values = split_values(list);
  for (const auto& value : axis.values)
    if (value.empty())
      throw UsageError(fmt::format("--vary {}: an empty value in the list", argument));
  return axis;
}

}  // namespace breakeven
