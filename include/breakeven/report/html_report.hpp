// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "breakeven/analysis/results.hpp"

namespace breakeven {

/// Where a run came from, beyond what each ScenarioResult records (file, paths, seed).
struct RunProvenance {
  std::string version;            ///< the program's version
  std::string date;               ///< when the run finished, ISO 8601 ("2025-11-21T04:10:00Z")
  std::string command;            ///< the command line, as a user could type it again
  std::string working_directory;  ///< scenario file names are relative to it
  std::string output_directory;   ///< where the report set was written
};

/// The whole report as one self-contained HTML page: inline CSS and SVG only (no script, no
/// fetched resource, no web font), so it opens offline in any browser and prints. At the top a
/// headline table and a one-line outlook per scenario; then one section per chart type with the
/// scenarios side by side on shared axes (same periods on x; the same y range for the same
/// chart; money axes shared among scenarios of the same money unit and currency): break-even
/// distribution with cumulative curve and target, cash-out by year, standalone runway,
/// funding need, and fans of revenue, net income and year-end cash. Last, the key assumptions
/// and the provenance. Every SVG has id "<chart>-<scenario index>", class "chart chart-<chart>"
/// and data-y-min/data-y-max attributes with its left axis range, for tests and for tools.
/// All text from the results is escaped.
/// With `joint` (a batch of different companies), a "Joint results" section follows the charts:
/// a chart of how many have broken even by each year (id "joint-breakeven-count"), the table of
/// P(exactly k) by year and the pair table.
std::string render_html_report(const std::vector<ScenarioResult>& results,
                               const RunProvenance& provenance, const JointResult* joint = nullptr);

/// The chart kinds of render_html_report, in page order: "breakeven", "cash-out", "runway",
/// "funding-need", "fan-revenue", "fan-net-income", "fan-cash".
std::vector<std::string> html_chart_kinds();

}  // namespace breakeven
