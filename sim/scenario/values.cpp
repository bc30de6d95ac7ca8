// SPDX-License-Identifier: MIT
#include "breakeven/scenario/values.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace breakeven {
std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

namespace {

struct Suffix {
  std::string_view text;
  double scale;
};

// Longest first, so "万亿" is not read as "亿" after a stray "万".
constexpr std::array<Suffix, 7> kMoneySuffixes{
    {{"万亿", 1e12}, {"亿", 1e8}, {"万", 1e4}, {"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"B", 1e9}}};

}  // namespace

std::optional<double> money_unit_scale(std::string_view unit) {
  if (unit == "1") return 1.0;
  if (unit == "k") return 1e3;
  if (unit == "M") return 1e6;
  if (unit == "B") return 1e9;
  if (unit == "万") return 1e4;
  if (unit == "亿") return 1e8;
  return std::nullopt;
}

const std::vector<std::string>& money_unit_names() {
  static const std::vector<std::string> names{"1", "k", "M", "B", "万", "亿"};
  return names;
}

std::optional<double> parse_decimal(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  // from_chars would also accept "inf" and "nan"; only digits may start a number here.
  const char first = text.front() == '-' && text.size() > 1 ? text[1] : text.front();
  if (!((first >= '0' && first <= '9') || first == '.')) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> parse_money(std::string_view text, double unit_scale) {
  text = trim(text);
  double scale = 1;
  for (const auto& suffix : kMoneySuffixes) {
    if (text.size() > suffix.text.size() && text.ends_with(suffix.text)) {
      scale = suffix.scale;
      text.remove_suffix(suffix.text.size());
      break;
    }
  }
  const auto number = parse_decimal(text);
  if (!number) return std::nullopt;
  // Scales are powers of ten, so their ratio is exact; applying it in one step (multiply by a
  // larger ratio, divide by a smaller one) keeps "702M" in a 亿 file at the double nearest 7.02.
  const double value =
      scale >= unit_scale ? *number * (scale / unit_scale) : *number / (unit_scale / scale);
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<double> parse_percent(std::string_view text) {
  text = trim(text);
  if (!text.ends_with('%')) return std::nullopt;
  text.remove_suffix(1);
  const auto number = parse_decimal(text);
  if (!number) return std::nullopt;
  return *number / 100;
}

std::string format_number(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

}  // namespace breakeven
