// SPDX-License-Identifier: MIT
#include "breakeven/engine/milestones.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace breakeven {
namespace {

constexpr int kNever = std::numeric_limits<int>::max() / 2;

std::size_t at(int i) {
  return static_cast<std::size_t>(i);
}

}  // namespace

void MilestoneTrack::start(const Model& model, std::uint64_t seed, std::uint64_t path,
                           const std::vector<double>& draws) {
  const std::size_t n = model.milestones.size();
  state_.resize(n);
  success_month_.assign(n, -1);
  streams_.clear();
  next_due_ = kNever;
  for (std::size_t i = 0; i < n; ++i) {
    const CompiledMilestone& milestone = model.milestones[i];
    // Whole months; a delay of 0 still means the next attempt is in a later month.
    const int delay = std::max(1, static_cast<int>(std::lround(draws[at(milestone.delay_slot)])));
    state_[i] = {milestone.month,
                 0,
                 false,
                 draws[at(milestone.success_slot)],
                 draws[at(milestone.effect_slot)],
                 draws[at(milestone.cost_slot)],
                 delay};
    streams_.emplace_back(seed, path, Substream::milestones,
                          milestone.stream_key ^ model.company_key);
    next_due_ = std::min(next_due_, milestone.month);
  }
}

void MilestoneTrack::delay_pending(int m, int months) {
  next_due_ = kNever;
  for (std::size_t i = 0; i < state_.size(); ++i) {
    State& s = state_[i];
    if (success_month_[i] >= 0 || s.abandoned) continue;
    s.next_attempt = std::max(s.next_attempt, m) + months;
    next_due_ = std::min(next_due_, s.next_attempt);
  }
}

double MilestoneTrack::step(const Model& model, int m) {
  if (m < next_due_) return 0;
  double cost = 0;
  next_due_ = kNever;
  for (std::size_t i = 0; i < state_.size(); ++i) {
    State& s = state_[i];
    if (success_month_[i] >= 0 || s.abandoned) continue;
    const int prerequisite = model.milestones[i].requires_index;
    bool ready = m >= s.next_attempt;
    if (ready && prerequisite >= 0) {
      // Starts only in a month after its prerequisite succeeded; never if that was abandoned.
      const int done = success_month_[at(prerequisite)];
      if (state_[at(prerequisite)].abandoned) {
        s.abandoned = true;
        continue;
      }
      ready = done >= 0 && done < m;
    }
    if (ready) {
      if (streams_[i].uniform() < s.probability) {
        success_month_[i] = m;
        continue;
      }
      cost += s.cost;
      if (++s.failures > model.milestones[i].max_respins) {
        s.abandoned = true;
        continue;
      }
      s.next_attempt = m + s.delay;
    }
    // Waiting on a prerequisite: look again next month.
    next_due_ = std::min(next_due_, std::max(s.next_attempt, m + 1));
  }
  return cost;
}

void MilestoneTrack::apply(const Model& model, int m, double& revenue_factor, double& growth_shift,
                           double& margin_shift) const {
  for (std::size_t i = 0; i < state_.size(); ++i) {
    const int success = success_month_[i];
    if (success < 0 || success > m) continue;
    const CompiledMilestone& milestone = model.milestones[i];
    // Linear phase-in: 1/ramp of the effect in the success month, all of it after ramp months.
    const double phase =
        milestone.ramp_months == 0
            ? 1.0
            : std::min(1.0, static_cast<double>(m - success + 1) / milestone.ramp_months);
    const double effect = state_[i].effect * phase;
    switch (milestone.target) {
      case EventTarget::revenue:
        revenue_factor *= 1.0 + effect;
        break;
      case EventTarget::growth:
        growth_shift += effect;
        break;
      default:
        margin_shift += effect;
        break;
    }
  }
}

}  // namespace breakeven
