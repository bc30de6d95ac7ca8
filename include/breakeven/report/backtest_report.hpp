// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "breakeven/analysis/backtest.hpp"
#include "breakeven/report/html_report.hpp"
#include "breakeven/report/output_dir.hpp"
#include "breakeven/report/terminal_report.hpp"

namespace breakeven {

/// The backtest for a terminal: header (name, file, data as-of date, paths, seed), one row per
/// actual (period, metric, actual, the fan 5/25/50/75/95 %, PIT, bands, CRPS, alive share),
/// the actuals that could not be judged with the reason, and the summary line.
std::string render_backtest_terminal(const BacktestResult& result, const TerminalStyle& style);

/// `{"backtest": {name, file, actuals, as_of, ..., "actuals": [...], "summary": {...}}}`.
/// Money in the scenario's unit; shares in [0, 1]; quantiles of an unjudged actual are null.
nlohmann::ordered_json backtest_to_json(const BacktestResult& result);

/// backtest_to_json() as text, formatted as `--json` writes it.
std::string backtest_json_text(const BacktestResult& result);

/// One row per actual: metric, period, first_month, last_month, value, source, judged, reason,
/// booked, booked_from, alive, alive_share, p05 … p95 (empty without a fan), pit, inside_50,
/// inside_90, crps (empty unless judged).
std::string backtest_csv(const BacktestResult& result);

/// A self-contained page: the summary, then per metric a fan over the actuals' periods (5–95 %
/// and 25–75 % bands, median) with each actual marked, then the table of every actual.
std::string render_backtest_html(const BacktestResult& result, const RunProvenance& provenance);

/// The `--out` set of a backtest: backtest.json, backtest.csv, report.html.
std::vector<OutputFile> build_backtest_output_files(const BacktestResult& result,
                                                    const RunProvenance& provenance);

}  // namespace breakeven
