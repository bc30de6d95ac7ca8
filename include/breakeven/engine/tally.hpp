// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

#include "breakeven/engine/log_histogram.hpp"
#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {

/// Counts and histograms over paths: memory is independent of the path count, and every member
/// merges exactly, so a run's result does not depend on how paths were split among threads.
struct Tally {
  std::uint64_t paths = 0;
  std::vector<std::uint64_t> breakeven_by_period;    ///< per Model::periods
  std::uint64_t cash_out_first = 0;                  ///< cashed out before any break-even
  std::uint64_t not_within_horizon = 0;              ///< neither
  std::vector<std::uint64_t> cashout_by_year;        ///< per Model::fiscal_years
  std::vector<std::uint64_t> cashout_first_by_year;  ///< of those, before any break-even
  std::vector<std::uint64_t> runway_months;          ///< 0 .. M (M: beyond the horizon)
  LogHistogram funding_need;
  ExactSum funding_need_sum;
  std::uint64_t funding_need_zero = 0;
  std::vector<LogHistogram> revenue, net_income, cash;  ///< per fiscal year, alive paths only
  std::vector<std::uint64_t> alive;                     ///< per fiscal year
  /// Per milestone, per month: paths whose milestone succeeded in that month.
  std::vector<std::vector<std::uint64_t>> milestone_success_by_month;

  explicit Tally(const Model& model);
  void add(const Model& model, const PathOutcome& outcome);
  void merge(const Tally& other);
};

}  // namespace breakeven
