// SPDX-License-Identifier: MIT
#include "breakeven/report/output_dir.hpp"

#include <algorithm>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include "breakeven/report/atomic_file.hpp"
#include "breakeven/report/csv_report.hpp"
#include "breakeven/report/json_report.hpp"

namespace breakeven {

std::string json_report_text(const std::vector<ScenarioResult>& results, const JointResult* joint) {
  // replace: a file name that is not valid UTF-8 must not abort the report.
  return to_json(results, joint)
             .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

std::vector<OutputFile> build_output_files(const std::vector<ScenarioResult>& results,
                                           const RunProvenance& provenance,
                                           const JointResult* joint) {
  // The page goes last: a reader who opens the directory while it is being written sees the
  // page only once the tables it refers to are there.
  std::vector<OutputFile> files = {
      {"summary.json", json_report_text(results, joint)},
      {"scenarios.csv", scenarios_csv(results)},
      {"breakeven_distribution.csv", breakeven_distribution_csv(results)},
      {"cash_out_by_year.csv", cash_out_by_year_csv(results)},
      {"runway.csv", runway_csv(results)},
      {"runway_quantiles.csv", runway_quantiles_csv(results)},
      {"funding_need.csv", funding_need_csv(results)},
      {"funding_need_quantiles.csv", funding_need_quantiles_csv(results)},
      {"fans.csv", fans_csv(results)},
      {"assumptions.csv", assumptions_csv(results)},
  };
  // Milestone tables only when a scenario has milestones: other runs write what they always did.
  const bool any_milestones = std::any_of(results.begin(), results.end(),
                                          [](const auto& r) { return !r.milestones.empty(); });
  if (any_milestones) {
    files.push_back({"milestones.csv", milestones_csv(results)});
    files.push_back({"milestone_months.csv", milestone_months_csv(results)});
  }
  if (joint) {
    files.push_back({"joint_breakeven_count.csv", joint_count_csv(joint->breakeven_count)});
    files.push_back({"joint_cash_out_count.csv", joint_count_csv(joint->cash_out_count)});
    files.push_back({"joint_pairs.csv", joint_pairs_csv(*joint)});
  }
  files.push_back({"report.html", render_html_report(results, provenance, joint)});
  return files;
}

void write_output_dir(const std::filesystem::path& dir, const std::vector<OutputFile>& files) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error || !std::filesystem::is_directory(dir))
    throw std::runtime_error(fmt::format("cannot create output directory '{}': {}", dir.string(),
                                         error ? error.message() : "not a directory"));
  for (const OutputFile& file : files) write_file_atomically(dir / file.name, file.content);
}

}  // namespace breakeven
