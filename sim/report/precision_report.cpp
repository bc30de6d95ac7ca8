// SPDX-License-Identifier: MIT
#include "breakeven/report/precision_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "breakeven/report/json_report.hpp"
#include "breakeven/report/text_format.hpp"

namespace breakeven {
namespace {

std::string points(double share) {
  return fmt::format("±{:.3g} points", share * 100);
}

}  // namespace

std::string precision_stop_reason(const PrecisionOutcome& outcome) {
  return outcome.reached ? "precision reached" : "max paths reached";
}

nlohmann::ordered_json precision_to_json(const PrecisionOutcome& outcome,
                                         const std::vector<ScenarioResult>& results) {
  nlohmann::ordered_json json;
  json["target_half_width"] = outcome.goal.half_width;
  json["max_paths"] = outcome.goal.max_paths;
  json["paths"] = outcome.paths;
  json["rounds"] = outcome.rounds;
  json["half_width"] = outcome.half_width;
  json["reached"] = outcome.reached;
  json["stopped"] = precision_stop_reason(outcome);
  json["scenarios"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < results.size() && i < outcome.half_widths.size(); ++i) {
    nlohmann::ordered_json row;
    row["name"] = results[i].name;
    const double width = outcome.half_widths[i];
    row["half_width"] =
        std::isnan(width) ? nlohmann::ordered_json() : nlohmann::ordered_json(width);
    json["scenarios"].push_back(std::move(row));
  }
  return json;
}

std::string precision_json_report_text(const std::vector<ScenarioResult>& results,
                                       const PrecisionOutcome& outcome, const JointResult* joint) {
  nlohmann::ordered_json json = to_json(results, joint);
  json["precision"] = precision_to_json(outcome, results);
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::vector<OutputFile> precision_output_files(const std::vector<ScenarioResult>& results,
                                               const RunProvenance& provenance,
                                               const PrecisionOutcome& outcome,
                                               const JointResult* joint) {
  std::vector<OutputFile> files = build_output_files(results, provenance, joint);
  for (OutputFile& file : files)
    if (file.name == "summary.json")
      file.content = precision_json_report_text(results, outcome, joint);
  return files;
}

std::string render_precision_line(const PrecisionOutcome& outcome,
                                  const std::vector<ScenarioResult>& results) {
  const std::string paths = format_amount(static_cast<double>(outcome.paths), 0);
  const std::string rounds =
      fmt::format("{} round{}", outcome.rounds, outcome.rounds == 1 ? "" : "s");
  const std::string widest = results.size() > 1 && outcome.widest < results.size()
                                 ? fmt::format(" (widest: {})", results[outcome.widest].name)
                                 : std::string();
  const std::string goal = points(outcome.goal.half_width);
  if (outcome.reached)
    return fmt::format(
        "Stopped: precision reached after {} paths in {}: every headline's 95 % interval is "
        "within {}{} (goal {}).\n",
        paths, rounds, points(outcome.half_width), widest, goal);
  return fmt::format(
      "Stopped: --max-paths {} reached after {}; the widest headline's 95 % interval is still "
      "{}{}, short of the goal {}.\n",
      paths, rounds, points(outcome.half_width), widest, goal);
}

}  // namespace breakeven
