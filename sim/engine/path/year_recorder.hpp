// SPDX-License-Identifier: MIT
#pragma once

// Internal to path_simulator.cpp: YearRecorder, the fiscal-year records behind the fans. Reads
// each month's revenue, net income and main-track cash; writes the path outcome's years.

#include <cstddef>

#include "breakeven/engine/path_simulator.hpp"
#include "path_values.hpp"

namespace breakeven {
// Internal linkage: path_simulator.cpp is the only includer, so the path stays one translation
// unit and the compiler inlines the stages into the month loop as before.
namespace {

/// Record: the fiscal year's revenue, net income and closing cash, for the fans. Years are
/// contiguous runs of months, closed on a known month.
class YearRecorder {
 public:
  YearRecorder(const Model& model, PathOutcome& out) {
    for (YearRecord& year : out.years) year = YearRecord{};
    const ScenarioSpec& spec = model.spec;
    const bool ytd_in_first_year =
        spec.breakeven.metric == Metric::net_income && spec.breakeven.period == PeriodKind::year;
    if (ytd_in_first_year && !out.years.empty()) out.years[0].net_income = spec.state.ytd;
    year_end_ = out.years.empty() ? kNever : model.fiscal_years[0].last_month;
  }
  void month(const Model& model, int m, double revenue, double net_income, double cash,
             double minimum, PathOutcome& out) {
    YearRecord& year = out.years[index_];
    year.revenue += revenue;
    year.net_income += net_income;
    if (m != year_end_) return;
    year.closing_cash = cash;
    year.alive = cash >= minimum;
    ++index_;
    year_end_ = index_ < out.years.size() ? model.fiscal_years[index_].last_month : kNever;
  }

 private:
  std::size_t index_ = 0;
  int year_end_;
};

}  // namespace
}  // namespace breakeven
