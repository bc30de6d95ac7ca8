// SPDX-License-Identifier: MIT
#pragma once

#include <limits>
#include <string>

namespace breakeven {

/// An allowed interval for a scenario value; each end open or closed.
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;
  bool hi_open = false;

  static constexpr Range any() { return {}; }
  static constexpr Range at_least(double lo) { return {lo, Range{}.hi, false, false}; }
  static constexpr Range greater_than(double lo) { return {lo, Range{}.hi, true, false}; }
  static constexpr Range between(double lo, double hi) { return {lo, hi, false, false}; }
  /// [lo, hi)
  static constexpr Range from_below(double lo, double hi) { return {lo, hi, false, true}; }
  /// (lo, hi]
  static constexpr Range above_to(double lo, double hi) { return {lo, hi, true, false}; }

  bool contains(double x) const;
  /// "between 0 and 1", "at least 0", "greater than -1", ...
  std::string describe() const;
  /// describe(), leaving out a far bound (a limit of finite arithmetic) that `x` does not cross.
  std::string describe_for(double x) const;
};

}  // namespace breakeven
