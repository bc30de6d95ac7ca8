// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "breakeven/analysis/solve.hpp"
#include "breakeven/report/html_report.hpp"
#include "breakeven/report/output_dir.hpp"

namespace breakeven {

/// `{ "solve": { "file", "name", "key", "kind", "output", "comparison", "target", "largest",
/// "paths", "seed", "money_unit", "range": [lo, hi], "default_range", "precision",
/// "half_width_at_value" (1.96 se of the estimate at the answer), "status", "value",
/// "interval": [lo, hi], "interval_open": [lo, hi], "message",
/// "evaluations": [ { "value", "estimate", "se", "holds" } ] } }`. Money, rates and month
/// counts are numbers on the key's grid; dates are "YYYY-MM" strings. `status` is "solved",
/// "nowhere", "everywhere" or "reversed"; without a solution `value` and `interval` are null
/// and `message` says why. Evaluations are in key order.
nlohmann::ordered_json solve_to_json(const SolveResult& result);

/// solve_to_json as text: 2-space indent and a final newline, like the run report.
std::string solve_json_text(const SolveResult& result);

/// value,estimate,se,lower_95,upper_95,holds: one row per evaluation, in key order.
std::string solve_evaluations_csv(const SolveResult& result);

/// The terminal summary: the question, the answer with its interval, the evaluation table.
std::string render_solve_terminal(const SolveResult& result);

/// A self-contained page with the chart of the estimate (and its 95 % band) against the key,
/// the target as a horizontal line, the answer and its interval as markers, and the table.
std::string render_solve_html(const SolveResult& result, const RunProvenance& provenance);

/// The `--out` set: solve.json, solve_evaluations.csv, solve.html.
std::vector<OutputFile> solve_output_files(const SolveResult& result,
                                           const RunProvenance& provenance);

}  // namespace breakeven
