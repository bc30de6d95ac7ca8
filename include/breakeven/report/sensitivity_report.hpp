// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "breakeven/analysis/sensitivity.hpp"
#include "breakeven/report/html_report.hpp"
#include "breakeven/report/terminal_report.hpp"

namespace breakeven {

/// The name of a kind in reports: "parameter", "event", "round", "raises".
std::string_view to_string(InputKind kind);

/// `{"version", "scenarios": [ {name, file, paths, seed, money_unit, currency, target,
/// "sensitivity": {"base", "cash_out_first_paths", "missed_target_paths", "inputs": [ {"key",
/// "label", "kind", "p10", "p90", "tornado": {"p_by_target": [at_p10, at_p90],
/// "cash_out_first": [..]}, "rank_correlation": {"breakeven_month", "by_target",
/// "cash_out_first", "funding_need"}, "rank_correlation_se": {...}, "tail": {"cash_out_first",
/// "missed_target"}, "occurrence_rate": {"all", "cash_out_first", "missed_target"}} ]}} ]}`.
/// p10, p90 and tornado are null for inputs that are not parameters, occurrence_rate for
/// parameters; a correlation or score that does not exist (a constant input, an empty subset)
/// is null.
std::string sensitivity_json_text(const std::vector<SensitivityResult>& results);

/// One row per scenario and input with the fields of the JSON, flattened.
std::string sensitivity_csv(const std::vector<SensitivityResult>& results);

/// For a terminal: the tornado of P(by target) and of P(cash-out first) in Unicode bars around
/// the base, the rank correlations and the bad-tail table. Ends with a newline.
std::string render_sensitivity_terminal(const SensitivityResult& result,
                                        const TerminalStyle& style);

/// A self-contained HTML page with, per scenario, tornado charts (P(by target), P(cash-out
/// first)), a rank-correlation chart per output and the bad-tail table.
std::string render_sensitivity_html(const std::vector<SensitivityResult>& results,
                                    const RunProvenance& provenance);

}  // namespace breakeven
