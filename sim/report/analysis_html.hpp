// SPDX-License-Identifier: MIT
#pragma once

// Internal to the sweep and sensitivity pages: the page frame they share with the run report
// (same stylesheet, same provenance line) and horizontal bar charts drawn as plain SVG.

#include <string>
#include <string_view>
#include <vector>

#include "breakeven/report/html_report.hpp"

namespace breakeven::html {

/// `<!DOCTYPE html>` through the opening `<body>` and the page header with `title` and `meta`.
std::string page_start(std::string_view title, std::string_view meta,
                       const RunProvenance& provenance);

/// The provenance section and the end of the page.
std::string page_end(const RunProvenance& provenance, std::string_view note);

/// One row of a horizontal bar chart: a label and bars drawn from `origin` to each value.
struct HBarRow {
  std::string label;
  std::vector<double> values;      ///< one bar per series; NaN: no bar
  std::vector<double> whiskers;    ///< optional half-width of an interval around each value
  std::vector<std::string> notes;  ///< tooltip per series
};

/// A horizontal bar chart: one row per input, one bar per series from `origin`, with an axis
/// from `lo` to `hi` in `factor`-scaled units with `suffix`. `series_classes` gives each
/// series its CSS class (and so its colour); `legend` its name.
std::string hbar_chart(std::string_view id, std::string_view title,
                       const std::vector<HBarRow>& rows, double origin, double lo, double hi,
                       double factor, std::string_view suffix,
                       const std::vector<std::string>& series_classes,
                       const std::vector<std::string>& legend);

}  // namespace breakeven::html
