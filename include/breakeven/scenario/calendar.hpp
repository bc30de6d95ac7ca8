// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace breakeven {

/// A calendar month. Months are counted as year * 12 + (month - 1) so that
/// differences are month counts.
struct YearMonth {
  int year = 2000;
  int month = 1;  ///< 1..12

  int ordinal() const { return year * 12 + (month - 1); }
  static YearMonth from_ordinal(int ordinal);
  YearMonth plus_months(int n) const { return from_ordinal(ordinal() + n); }
  /// "2027-05"
  std::string label() const;
  friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

/// How a date string was written; `horizon` accepts a bare year, meaning its last month.
enum class DateRole { month_or_quarter, horizon };

/// Parses "2025-07", "2026-Q3" (first month of the quarter), and for DateRole::horizon also
/// "2032" (December). Returns nullopt when the text is none of these.
std::optional<YearMonth> parse_date(std::string_view text, DateRole role);

/// Whether `text` is a real day written "YYYY-MM-DD" ("2026-03-31"; not "2026-02-30").
bool is_calendar_date(std::string_view text);

/// Calendar year in which the fiscal year holding `month` ends, for a fiscal year ending in
/// month `fiscal_year_end` (1..12). With 12 it is the calendar year.
int fiscal_year_of(YearMonth month, int fiscal_year_end);

}  // namespace breakeven
