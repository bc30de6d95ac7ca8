// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "breakeven/analysis/precision_run.hpp"
#include "breakeven/report/output_dir.hpp"

namespace breakeven {

/// Why a run to precision stopped: "precision reached" or "max paths reached".
std::string precision_stop_reason(const PrecisionOutcome& outcome);

/// `{ "target_half_width", "max_paths", "paths", "rounds", "half_width", "reached", "stopped",
/// "scenarios": [ { "name", "half_width" } ] }`: how a run to precision ended. `stopped` is
/// "precision reached" or "max paths reached"; a scenario without a target has a null half-width.
nlohmann::ordered_json precision_to_json(const PrecisionOutcome& outcome,
                                         const std::vector<ScenarioResult>& results);

/// The JSON report of json_report_text with a top-level "precision" object after "scenarios".
std::string precision_json_report_text(const std::vector<ScenarioResult>& results,
                                       const PrecisionOutcome& outcome,
                                       const JointResult* joint = nullptr);

/// The `--out` set of build_output_files with summary.json carrying the "precision" object.
std::vector<OutputFile> precision_output_files(const std::vector<ScenarioResult>& results,
                                               const RunProvenance& provenance,
                                               const PrecisionOutcome& outcome,
                                               const JointResult* joint = nullptr);

/// One terminal line saying why the run stopped, e.g. "Stopped: precision reached after 24,576
/// paths in 5 rounds: every headline within ±0.19 points (goal ±0.20)." Ends with a newline.
std::string render_precision_line(const PrecisionOutcome& outcome,
                                  const std::vector<ScenarioResult>& results);

}  // namespace breakeven
