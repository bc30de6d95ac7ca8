// SPDX-License-Identifier: MIT
#pragma once

// The milestones of one path: attempts, re-spins, delays, and the effect of each success phased
// in over its ramp.

#include <cstdint>
#include <vector>

#include "breakeven/math/random_stream.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {

class MilestoneTrack {
 public:
  /// Resets every milestone for a path from its drawn parameters.
  void start(const Model& model, std::uint64_t seed, std::uint64_t path,
             const std::vector<double>& draws);
  /// An event with target "milestones" in month m: every pending milestone's next attempt moves
  /// to `months` after the later of m and its planned month.
  void delay_pending(int m, int months);
  /// Resolves the attempts due in month m. Returns the re-spin cost of this month's failures.
  double step(const Model& model, int m);
  /// Multiplies in the revenue and adds the growth and margin effects of milestones that have
  /// succeeded by month m.
  void apply(const Model& model, int m, double& revenue_factor, double& growth_shift,
             double& margin_shift) const;
  /// Per milestone: the month it succeeded, or -1.
  const std::vector<int>& success_months() const { return success_month_; }

 private:
  struct State {
    int next_attempt;
    int failures;
    bool abandoned;
    double probability, effect, cost;
    int delay;
  };
  std::vector<State> state_;
  std::vector<int> success_month_;
  std::vector<RandomStream> streams_;
  int next_due_ = 0;  ///< no attempt before this month: quiet months cost one compare
};

}  // namespace breakeven
