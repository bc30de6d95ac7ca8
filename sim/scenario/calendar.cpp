// SPDX-License-Identifier: MIT
#include "breakeven/scenario/calendar.hpp"

#include <charconv>
#include <cstdio>

namespace breakeven {
namespace {

// Exactly `digits` decimal digits, nothing else; signs and spaces are not dates.
std::optional<int> parse_digits(std::string_view text, std::size_t digits) {
  if (text.size() != digits) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// Floor division so that ordinals before year 0 still map to months 1..12.
int floor_div(int a, int b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

}  // namespace

YearMonth YearMonth::from_ordinal(int ordinal) {
  const int year = floor_div(ordinal, 12);
  return YearMonth{year, ordinal - year * 12 + 1};
}

std::string YearMonth::label() const {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  return buffer;
}

std::optional<YearMonth> parse_date(std::string_view text, DateRole role) {
  // Four-digit years only: a scenario about chip companies never needs more, and a strict form
  // keeps "25-07" or "2025-7-1" from being read as something the analyst did not mean.
  const auto year = parse_digits(text.substr(0, 4), 4);
  if (!year) return std::nullopt;
  if (text.size() == 4) {
    if (role == DateRole::horizon) return YearMonth{*year, 12};
    return std::nullopt;
  }
  if (text.size() < 6 || text[4] != '-') return std::nullopt;
  const std::string_view rest = text.substr(5);
  if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q')) {
    const auto quarter = parse_digits(rest.substr(1), 1);
    if (!quarter || *quarter < 1 || *quarter > 4) return std::nullopt;
    return YearMonth{*year, (*quarter - 1) * 3 + 1};
  }
  const auto month = parse_digits(rest, 2);
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  return YearMonth{*year, *month};
}

bool is_calendar_date(std::string_view text) {
  if (text.size() != 10 || text[7] != '-') return false;
  const auto month = parse_date(text.substr(0, 7), DateRole::month_or_quarter);
  const auto day = parse_digits(text.substr(8), 2);
  if (!month || text[5] == 'Q' || text[5] == 'q' || !day) return false;
  const bool leap = month->year % 4 == 0 && (month->year % 100 != 0 || month->year % 400 == 0);
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = kDays[month->month - 1] + (month->month == 2 && leap ? 1 : 0);
  return *day >= 1 && *day <= days;
}

int fiscal_year_of(YearMonth month, int fiscal_year_end) {
  // A fiscal year ending in June 2027 holds July 2026 .. June 2027 and is named 2027.
  return month.month > fiscal_year_end ? month.year + 1 : month.year;
}

}  // namespace breakeven
