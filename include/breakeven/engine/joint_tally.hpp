// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {

/// What the joint results need from one scenario's path, on the calendar.
struct JointMark {
  int breakeven_month;  ///< calendar month (YearMonth::ordinal) ending the break-even period
  int cashout_month;    ///< calendar month of the cash-out
  bool by_target;       ///< broke even by the scenario's own target
};
/// A month later than any calendar month: "never".
inline constexpr int kNeverMonth = 1 << 30;

/// The scenario's path outcome as a JointMark.
JointMark joint_mark(const Model& model, const PathOutcome& outcome);

/// Joint counts over the scenarios of a batch, path by path. Integer counts only, so workers
/// and path ranges merge exactly.
struct JointTally {
  int scenarios = 0;
  int first_year = 0;  ///< calendar years of the batch's span, first..last
  int last_year = -1;
  std::uint64_t paths = 0;
  /// [year - first_year][k]: paths on which exactly k scenarios had broken even (had cashed out)
  /// by the end of the year.
  std::vector<std::vector<std::uint64_t>> breakeven_count, cash_out_count;
  std::uint64_t all_by_target = 0, none_by_target = 0;
  /// Per pair (a, b), a < b, in the order (0,1), (0,2), ..., (1,2), ...: the path counts of
  /// a_first, b_first, same_month and neither, comparing break-even end months.
  struct PairCounts {
    std::uint64_t a_first = 0, b_first = 0, same_month = 0, neither = 0;
  };
  std::vector<PairCounts> pairs;

  JointTally() = default;
  /// For the given scenarios: the calendar years from the earliest start to the latest horizon.
  explicit JointTally(const std::vector<const Model*>& models);
  void add(const std::vector<JointMark>& marks);
  void merge(const JointTally& other);
};

}  // namespace breakeven
