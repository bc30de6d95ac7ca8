// SPDX-License-Identifier: MIT
#pragma once

// Internal to the HTML report: one SVG chart per scenario and chart kind, on axes shared by
// all scenarios. The page around them (captions, sections) is html_report.cpp's.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "breakeven/analysis/results.hpp"
#include "breakeven/report/svg_chart.hpp"
#include "company_groups.hpp"

namespace breakeven::html {

/// Axis ranges and x categories that every scenario's chart of one kind uses, so bars and bands
/// of different companies compare at a glance. Money ranges are shared only among scenarios with
/// the same unit and currency: an axis in 亿 CNY says nothing about one in million USD.
struct SharedAxes {
  std::vector<std::string> periods;  ///< union of break-even periods when all kinds agree
  bool periods_shared = true;
  std::vector<std::string> years;  ///< union of fiscal years (cash-out and fans)
  NiceScale breakeven_y, cash_out_y, runway_y, need_y;
  int runway_months = 0, runway_bin = 1;
  std::map<std::string, NiceScale> need_x, revenue_y, net_income_y, cash_y;  ///< by money label
  std::map<std::string, double> need_bin;  ///< funding-need bin width, by money label
};

/// The shared axes of `results`, which must not be empty.
SharedAxes shared_axes(const std::vector<ScenarioResult>& results);

// Each chart is the SVG of scenario `r`, the `index`-th of the page: its id is
// "<kind>-<index>" and its class "chart chart-<kind>" (see render_html_report). `variants`
// (bear and bull cases of the same company) are drawn over it as dashed lines.

/// Share of paths by period of first break-even, with the cumulative share and the target.
std::string breakeven_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes,
                            const std::vector<Variant>& variants = {});

/// Share of paths that run out of cash, by fiscal year.
std::string cash_out_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes,
                           const std::vector<Variant>& variants = {});

/// Runway without new raises (scheduled rounds included), in bins of `axes.runway_bin` months.
std::string runway_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes,
                         const std::vector<Variant>& variants = {});

/// Histogram of the money still needed to reach break-even, with its median and p90.
std::string funding_need_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes,
                               const std::vector<Variant>& variants = {});

/// One fan chart kind: which series of Fans it draws and which shared money axis it uses.
struct FanKind {
  const char* kind;   ///< chart kind and CSS class
  const char* title;  ///< for people
  const std::vector<FanPoint> Fans::*points;
  std::map<std::string, NiceScale> SharedAxes::*scale;
};

/// The fan charts, in page order.
inline constexpr FanKind kFanKinds[] = {
    {"fan-revenue", "Revenue", &Fans::revenue, &SharedAxes::revenue_y},
    {"fan-net-income", "Net income", &Fans::net_income, &SharedAxes::net_income_y},
    {"fan-cash", "Year-end cash", &Fans::cash, &SharedAxes::cash_y},
};

/// Median and 25–75 % and 5–95 % bands of one fan kind by fiscal year, with each year's
/// numbers as a hover tooltip.
std::string fan_chart(const ScenarioResult& r, std::size_t index, const SharedAxes& axes,
                      const FanKind& kind, const std::vector<Variant>& variants = {});

}  // namespace breakeven::html
