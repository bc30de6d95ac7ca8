// SPDX-License-Identifier: MIT
#include "breakeven/analysis/joint_summary.hpp"

#include <cmath>
#include <string>

namespace breakeven {
namespace {

Estimate estimate(std::uint64_t count, std::uint64_t total) {
  if (total == 0) return {};
  const double n = static_cast<double>(total);
  const double p = static_cast<double>(count) / n;
  return {p, std::sqrt(p * (1.0 - p) / n)};
}

std::vector<CountRow> count_rows(const std::vector<std::vector<std::uint64_t>>& counts,
                                 int first_year, std::uint64_t paths) {
  std::vector<CountRow> rows;
  for (std::size_t y = 0; y < counts.size(); ++y) {
    CountRow row{std::to_string(first_year + static_cast<int>(y)), {}};
    for (const std::uint64_t count : counts[y]) row.p.push_back(estimate(count, paths));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

JointResult summarize_joint(const std::vector<const Model*>& models, const JointTally& tally) {
  JointResult result;
  for (const Model* model : models) result.scenarios.push_back(model->spec.company.name);
  result.breakeven_count = count_rows(tally.breakeven_count, tally.first_year, tally.paths);
  result.cash_out_count = count_rows(tally.cash_out_count, tally.first_year, tally.paths);
  bool every_target = true;
  for (const Model* model : models) every_target = every_target && model->target_period;
  if (every_target) {
    result.all_by_target = estimate(tally.all_by_target, tally.paths);
    result.none_by_target = estimate(tally.none_by_target, tally.paths);
  }
  std::size_t pair = 0;
  for (std::size_t a = 0; a < models.size(); ++a) {
    for (std::size_t b = a + 1; b < models.size(); ++b, ++pair) {
      const JointTally::PairCounts& counts = tally.pairs[pair];
      result.pairs.push_back(
          {result.scenarios[a], result.scenarios[b], estimate(counts.a_first, tally.paths),
           estimate(counts.b_first, tally.paths), estimate(counts.same_month, tally.paths),
           estimate(counts.neither, tally.paths)});
    }
  }
  return result;
}

}  // namespace breakeven
