// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "breakeven/scenario/calendar.hpp"

namespace breakeven {

/// What a reported figure measures. Flows are summed over their period; `cash` is the balance
/// at the period's end.
enum class ActualMetric { revenue, net_income, operating_cash_flow, cash };

/// "2025" (fiscal year), "2026-H1" and "2026-Q2" (calendar half and quarter), "2026-05".
enum class ActualPeriodKind { year, half, quarter, month };

struct ActualPeriod {
  ActualPeriodKind kind = ActualPeriodKind::year;
  int year = 0;       ///< the fiscal year's name, or the calendar year of a half, quarter or month
  int index = 1;      ///< half 1–2, quarter 1–4, month 1–12; unused for a year
  std::string label;  ///< as written in the file, normalised ("2026-Q2")
};

/// One row of an actuals file: a figure the company reported, to hold a forecast against.
struct Actual {
  ActualMetric metric = ActualMetric::revenue;
  ActualPeriod period;
  /// In the scenario's money unit. Empty while the figure is not yet reported: the row then asks
  /// only for the forecast fan, to be held against the figure once it is out.
  std::optional<double> value;
  std::string source;
  int line = 0;  ///< 1-based line in the file
};

/// "revenue", "net_income", "operating_cash_flow", "cash".
std::string_view actual_metric_name(ActualMetric metric);

/// The first and last calendar month of `period` for a fiscal year ending in month
/// `fiscal_year_end`.
struct MonthSpan {
  YearMonth first, last;
};
MonthSpan period_months(const ActualPeriod& period, int fiscal_year_end);

/// Reads the text of an actuals CSV: a header naming the columns metric, period, value and
/// source (in any order), then one figure per line. A value is money: a plain number is in the
/// scenario's unit (`unit_scale` currency units), a suffix ("702M", "7.02亿") converts; an empty
/// value is a figure not yet reported (a forecast to be filled in later). Blank
/// lines and lines starting with '#' are skipped; fields holding a comma are double-quoted.
/// Throws ScenarioError naming `file`, the line and the column of the first bad field (an
/// unknown metric or period, a malformed value, a missing field, a figure given twice).
std::vector<Actual> parse_actuals(std::string_view text, const std::string& file,
                                  double unit_scale);

/// parse_actuals() of the file's content; a file that cannot be read is a ScenarioError too.
std::vector<Actual> load_actuals(const std::string& file, double unit_scale);

}  // namespace breakeven
