// SPDX-License-Identifier: MIT
#include "cli_numbers.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "breakeven/scenario/errors.hpp"

namespace breakeven {
namespace {

// Digit-group underscores, as in TOML and C++ literals: "100_000" is 100000.
std::string without_underscores(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != '_') out += c;
  return out;
}

double suffix_factor(char c) {
  switch (c) {
    case 'k':
    case 'K':
      return 1e3;
    case 'M':
      return 1e6;
    case 'B':
    case 'G':
      return 1e9;
    default:
      return 0;
  }
}

// The value of "1e5", "100k", "2.5M" as a double, or nothing when the text is not a number.
std::optional<double> read_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::string body = text;
  double factor = 1;
  if (const double f = suffix_factor(body.back()); f > 0) {
    factor = f;
    body.pop_back();
  }
  if (body.empty()) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (error != std::errc{} || end != body.data() + body.size() || !std::isfinite(value))
    return std::nullopt;
  return value * factor;
}

}  // namespace

std::int64_t read_count(std::string_view option, std::string_view text, std::int64_t minimum) {
  const std::string plain = without_underscores(text);
  const std::optional<double> value = read_number(plain);
  const std::string wanted = fmt::format("{} must be a whole number, {} or more", option, minimum);
  if (!value)
    throw UsageError(fmt::format("{} (e.g. 100000, 1e5 or 100k), not '{}'", wanted, text));
  if (*value < static_cast<double>(minimum))
    throw UsageError(fmt::format("{}, not {}", wanted, text));
  // 4.6e18 is far beyond any run and below 2^63, so the cast is exact.
  if (*value != std::floor(*value) || *value > 4.6e18)
    throw UsageError(fmt::format("{}, not {}", wanted, text));
  return static_cast<std::int64_t>(*value);
}

std::uint64_t read_seed(std::string_view text) {
  const std::string plain = without_underscores(text);
  if (!plain.empty() && plain.front() == '-')
    throw UsageError(fmt::format("--seed must be 0 or more, not {}", text));
  std::uint64_t seed = 0;
  const auto [end, error] = std::from_chars(plain.data(), plain.data() + plain.size(), seed);
  if (plain.empty() || error == std::errc::invalid_argument || end != plain.data() + plain.size())
    throw UsageError(fmt::format("--seed must be a whole number, 0 or more, not '{}'", text));
  if (error == std::errc::result_out_of_range)
    throw UsageError(fmt::format("--seed must be at most {}, not {}",
                                 std::numeric_limits<std::uint64_t>::max(), text));
  return seed;
}

}  // namespace breakeven
