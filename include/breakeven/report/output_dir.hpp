// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "breakeven/analysis/results.hpp"
#include "breakeven/report/html_report.hpp"

namespace breakeven {

/// One file of the report set: its name inside the output directory and its whole content.
struct OutputFile {
  std::string name;
  std::string content;
};

/// The JSON report exactly as `--json` prints it (2-space indent, invalid UTF-8 replaced, a
/// final newline), so `summary.json` and `--json` never differ.
std::string json_report_text(const std::vector<ScenarioResult>& results,
                             const JointResult* joint = nullptr);

/// The whole `--out` set, built in memory: summary.json, the CSV tables of csv_report.hpp
/// (scenarios.csv, breakeven_distribution.csv, cash_out_by_year.csv, runway.csv,
/// runway_quantiles.csv, funding_need.csv, funding_need_quantiles.csv, fans.csv,
/// assumptions.csv), with `joint` also joint_breakeven_count.csv, joint_cash_out_count.csv and
/// joint_pairs.csv, and report.html, in that order.
std::vector<OutputFile> build_output_files(const std::vector<ScenarioResult>& results,
                                           const RunProvenance& provenance,
                                           const JointResult* joint = nullptr);

/// Creates `dir` (and its parents) if needed and writes every file atomically with
/// write_file_atomically. Throws std::runtime_error naming the directory or file on failure;
/// files written before the failure stay complete (each is either the old or the new one).
void write_output_dir(const std::filesystem::path& dir, const std::vector<OutputFile>& files);

}  // namespace breakeven
