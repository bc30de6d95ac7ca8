// SPDX-License-Identifier: MIT
#pragma once

// Internal to path_simulator.cpp: FundingStage, scheduled rounds and contingent raises. Reads the
// model's rounds and policy, the drawn amounts, the funding stream and the main track's cash and
// free cash flow; writes which rounds land (ws.round_landed) and the money in each month.

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "breakeven/engine/path_simulator.hpp"
#include "breakeven/math/random_stream.hpp"
#include "path_values.hpp"

namespace breakeven {
// Internal linkage: path_simulator.cpp is the only includer, so the path stays one translation
// unit and the compiler inlines the stages into the month loop as before.
namespace {

/// Cash and funding, part one: scheduled rounds (decided once per path, landing on both tracks)
/// and contingent raises (main track only).
class FundingStage {
 public:
  /// Decides the path's scheduled rounds, and records which land in `ws.round_landed`.
  FundingStage(const Model& model, Params param, std::uint64_t seed, std::uint64_t path,
               PathWorkspace& ws);
  /// Scheduled rounds landing in month m.
  double scheduled(const Model& model, int m);
  /// A raise resolving in month m: its amount when it succeeds, else 0 (and a retry block).
  double resolved_raise(int m);
  /// Whether the last resolved_raise() landed money (for per-path analyses).
  bool raise_landed() const { return raise_landed_; }
  /// After the main track's month: start a raise when runway runs short (SPEC's policy).
  void consider_raise(Params param, const Model& model, int m, double cash, double free_cash_flow);

 private:
  int round_month(const Model& model, std::size_t k) const {
    return k < model.round_order.size() ? model.rounds[at(model.round_order[k])].month : kNever;
  }

  std::array<double, 32> round_landing_small_{};
  std::vector<double> round_landing_large_;
  double* round_landing_ = nullptr;
  std::size_t next_round_ = 0;  // rounds are visited in date order through a cursor
  int next_round_month_ = kNever;
  const CompiledPolicy* policy_;
  int raises_started_ = 0, raise_resolves_ = kNever, blocked_until_ = 0;
  double raise_amount_ = 0;
  bool raise_landed_ = false;
  double burn_[3] = {0, 0, 0};
  int burn_count_ = 0, burn_slot_ = 0;
  RandomStream stream_;
};

FundingStage::FundingStage(const Model& model, Params param, std::uint64_t seed, std::uint64_t path,
                           PathWorkspace& ws)
    : policy_(model.policy ? &*model.policy : nullptr),
      stream_(seed, path, Substream::funding, model.company_key) {
  round_landing_ = round_landing_small_.data();
  if (model.rounds.size() > round_landing_small_.size()) {
    round_landing_large_.resize(model.rounds.size());
    round_landing_ = round_landing_large_.data();
  }
  for (std::size_t r = 0; r < model.rounds.size(); ++r) {
    const double u = keyed_uniform(seed, path, model.rounds[r].stream_key ^ model.company_key);
    const bool lands = u < model.rounds[r].probability;
    ws.round_landed[r] = lands ? 1 : 0;
    round_landing_[r] = lands ? param(model.index.round_amount[r]) : 0.0;
  }
  next_round_month_ = round_month(model, 0);
}

double FundingStage::scheduled(const Model& model, int m) {
  double landed = 0;
  while (next_round_month_ == m) {
    landed += round_landing_[at(model.round_order[next_round_])];
    next_round_month_ = round_month(model, ++next_round_);
  }
  return landed;
}

double FundingStage::resolved_raise(int m) {
  raise_landed_ = false;
  if (raise_resolves_ != m) return 0;
  raise_resolves_ = kNever;
  raise_landed_ = stream_.uniform() < policy_->success_probability;
  if (raise_landed_) return raise_amount_;
  blocked_until_ = m + policy_->retry_months;
  return 0;
}

void FundingStage::consider_raise(Params param, const Model& model, int m, double cash,
                                  double free_cash_flow) {
  if (policy_ == nullptr) return;
  // Runway on the mean burn b of the last three months (fewer at the start). With cash at or
  // above the minimum (>= 0), runway = cash / b < trigger is cash * n < trigger * sum for
  // b = sum / n: no division in the common month, and b = 0 (infinite runway) is false.
  burn_[burn_slot_] = std::max(0.0, -free_cash_flow);
  burn_slot_ = burn_slot_ == 2 ? 0 : burn_slot_ + 1;
  if (burn_count_ < 3) ++burn_count_;
  const double burn_sum = burn_[0] + burn_[1] + burn_[2];
  if (raise_resolves_ == kNever && m >= blocked_until_ && m >= policy_->not_before_month &&
      raises_started_ < policy_->max_raises &&
      cash * burn_count_ < policy_->trigger_runway_months * burn_sum) {
    ++raises_started_;
    raise_resolves_ = m + policy_->lag_months;
    raise_amount_ = policy_->size_months ? *policy_->size_months * (burn_sum / burn_count_)
                                         : param(model.index.policy_amount);
  }
}

}  // namespace
}  // namespace breakeven
