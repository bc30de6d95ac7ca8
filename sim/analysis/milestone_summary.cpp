// SPDX-License-Identifier: MIT
#include "breakeven/analysis/milestone_summary.hpp"

#include <cmath>

namespace breakeven {
namespace {

/// Label of the month where the successes' cumulative count first reaches q of them.
std::string success_quantile(const Model& model, const std::vector<std::uint64_t>& counts,
                             std::uint64_t successes, double q) {
  const auto needed = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(successes))));
  std::uint64_t cumulative = 0;
  for (std::size_t m = 0; m < counts.size(); ++m) {
    cumulative += counts[m];
    if (cumulative >= needed)
      return model.spec.simulation.start.plus_months(static_cast<int>(m)).label();
  }
  return "";
}

}  // namespace

std::vector<MilestoneResult> summarize_milestones(const Model& model, const Tally& tally) {
  std::vector<MilestoneResult> results;
  for (std::size_t i = 0; i < model.milestones.size(); ++i) {
    const std::vector<std::uint64_t>& counts = tally.milestone_success_by_month[i];
    MilestoneResult result;
    result.name = model.milestones[i].name;
    result.planned = model.spec.simulation.start.plus_months(model.milestones[i].month).label();
    std::uint64_t successes = 0;
    double month_sum = 0;
    for (std::size_t m = 0; m < counts.size(); ++m) {
      successes += counts[m];
      month_sum += static_cast<double>(m) * static_cast<double>(counts[m]);
    }
    const double n = static_cast<double>(tally.paths);
    if (tally.paths > 0) {
      const double p = static_cast<double>(successes) / n;
      result.success = {p, std::sqrt(p * (1.0 - p) / n)};
      for (std::uint64_t count : counts)
        result.share_by_month.push_back(static_cast<double>(count) / n);
    }
    if (successes > 0) {
      result.mean_month = month_sum / static_cast<double>(successes);
      result.p10 = success_quantile(model, counts, successes, 0.10);
      result.p50 = success_quantile(model, counts, successes, 0.50);
      result.p90 = success_quantile(model, counts, successes, 0.90);
    }
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace breakeven
