// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "breakeven/analysis/sweep.hpp"
#include "breakeven/report/html_report.hpp"
#include "breakeven/report/terminal_report.hpp"

namespace breakeven {

/// A swept value as JSON: a number when the TOML text is one, the text of a plain quoted string
/// without its quotes ("30B"), else the TOML text as written (a distribution).
nlohmann::ordered_json swept_value_json(const std::string& toml_text);

/// `{"version", "scenarios": [ {name, file, paths, seed, money_unit, currency, target,
/// "sweep": {"keys", "base", "points": [...]}} ]}`. Each point has `values` {KEY: V}, its
/// headline (p_by_target, p_by_target_se, cash_out_first, cash_out_first_se, median_breakeven,
/// funding_need_p50, funding_need_p90, runway_p50) and against the base diff_p_by_target,
/// diff_p_by_target_ci95 (paired), unpaired_ci95, diff_cash_out_first,
/// diff_cash_out_first_ci95 and diff_cash_out_first_unpaired_ci95. Missing values print null.
/// With --precision each scenario also has "precision": {target_half_width, max_paths}, the base
/// and every point their own paths, half_width, rounds, reached and stopped, and every point the
/// paired_paths its differences are paired on.
/// Byte-identical for identical results, with a final newline.
std::string sweep_json_text(const std::vector<SweepResult>& sweeps);

/// One row per point (the base first, with empty differences): scenario, file, one column per
/// swept key (`value:KEY`, blank in another scenario's rows), the headline and the differences
/// with both intervals as `_lo`/`_hi` columns. With --precision, four more columns: paths,
/// half_width, stopped and paired_paths.
std::string sweep_csv(const std::vector<SweepResult>& sweeps);

/// For a terminal: a table of the base and every point with the differences, both intervals,
/// the median break-even, funding need and runway (with --precision, each row's paths and the
/// half-width reached, and the stop line below). Ends with a newline.
std::string render_sweep_terminal(const SweepResult& sweep, const TerminalStyle& style);

/// With --precision, one line saying why the base and the points stopped: all at the goal (with
/// the range of paths used), or how many reached --max-paths first. Empty without a goal.
std::string render_sweep_stop_line(const SweepResult& sweep);

/// A self-contained HTML page: per scenario a table of every point and, for one key, line
/// charts of the change in P(by target) and P(cash-out first) against the value with the paired
/// 95 % band (the unpaired band lighter behind it); for two keys, heat maps of both
/// probabilities over the grid.
std::string render_sweep_html(const std::vector<SweepResult>& sweeps,
                              const RunProvenance& provenance);

}  // namespace breakeven
