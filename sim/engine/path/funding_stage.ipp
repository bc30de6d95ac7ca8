// SPDX-License-Identifier: MIT
// Lane kernel (included per width by path_kernel.cpp): FundingStage, scheduled rounds and
// contingent raises for every lane. Reads the model's rounds and policy, the drawn amounts, each
// lane's funding stream and the main track's cash and free cash flow; writes which rounds land
// (ws.round_landed), the raises that succeeded and the money in each month.

/// Each lane's funding stream, in the lane's order.
template <std::size_t... Lane>
std::array<RandomStream, kLanes> funding_streams(const Model& model, const LanePaths& group,
                                                 std::index_sequence<Lane...>) {
  return {RandomStream(group.seed, group.paths[Lane], Substream::funding, model.company_key)...};
}

/// Cash and funding, part one: scheduled rounds (decided once per path, landing on both tracks)
/// and contingent raises (main track only). Rounds land in the same months in every lane; what
/// lands differs. A raise's start and resolution are rare, so they run lane by lane, and only in
/// a month where some lane needs them.
class FundingStage {
 public:
  /// Decides every lane's scheduled rounds, and records which land in `ws.round_landed`.
  FundingStage(const Model& model, const LanePaths& group);
  /// Scheduled rounds landing in month m.
  VD scheduled(const Model& model, int m);
  /// Raises resolving in month m: their amounts where they succeed, else 0 (and a retry block).
  /// Counts a success in the lane's workspace when the lane is `alive`.
  VD resolved_raise(const LanePaths& group, int m, VI alive);
  /// After the main track's month, in the lanes `considered`: start a raise where runway runs
  /// short (SPEC's policy).
  void consider_raise(int m, VI considered, VD cash, VD free_cash_flow);

 private:
  int round_month(const Model& model, std::size_t k) const {
    return k < model.round_order.size() ? model.rounds[at(model.round_order[k])].month : kNever;
  }

  std::vector<double> round_landing_;  // per round, what lands in each lane (round r, lane l at
                                       // r * kLanes + l)
  std::size_t next_round_ = 0;         // rounds are visited in date order through a cursor
  int next_round_month_ = kNever;
  const CompiledPolicy* policy_;
  // Per lane, as doubles (months and counts are small integers, exact): a month with no raise
  // pending is kNever.
  VD raises_started_{}, raise_resolves_ = splat(kNever), blocked_until_{};
  VD fixed_amount_{};  // the policy's drawn amount, when it gives no size_months
  // A pending raise's burn when it started, summed over raise_burn_months_: its size_months
  // amount is worked out when it resolves, so that the division waits for the rare month it is
  // needed.
  VD raise_burn_sum_{}, raise_burn_months_ = splat(1);
  // The last three months' burns by age (zero before the first), and the slot (0, 1, 2) the
  // newest would hold in a ring of three; burn_sum() adds them in the ring's slot order.
  VD burn_newest_{}, burn_middle_{}, burn_oldest_{};
  int burn_count_ = 0, newest_slot_ = 2;

  VD burn_sum() const;
  std::array<RandomStream, kLanes> streams_;
};

FundingStage::FundingStage(const Model& model, const LanePaths& group)
    : round_landing_(model.rounds.size() * kLanes),
      policy_(model.policy ? &*model.policy : nullptr),
      streams_(funding_streams(model, group, std::make_index_sequence<kLanes>{})) {
  for (int l = 0; l < kLanes; ++l) {
    PathWorkspace& ws = group.ws(l);
    const KeyedUniforms uniform_of(group.seed, group.paths[l]);
    for (std::size_t r = 0; r < model.rounds.size(); ++r) {
      const double u = uniform_of(model.rounds[r].stream_key ^ model.company_key);
      const bool lands = u < model.rounds[r].probability;
      ws.round_landed[r] = lands ? 1 : 0;
      round_landing_[r * kLanes + at(l)] =
          lands ? group.param(l, model.index.round_amount[r]) : 0.0;
    }
    ws.raises_succeeded = 0;
  }
  next_round_month_ = round_month(model, 0);
  if (policy_ != nullptr && !policy_->size_months)
    fixed_amount_ = lane_param(group, model.index.policy_amount);
}

VD FundingStage::scheduled(const Model& model, int m) {
  VD landed{};
  while (next_round_month_ == m) {
    landed += load_lanes(&round_landing_[at(model.round_order[next_round_]) * kLanes]);
    next_round_month_ = round_month(model, ++next_round_);
  }
  return landed;
}

VD FundingStage::resolved_raise(const LanePaths& group, int m, VI alive) {
  const VI due = raise_resolves_ == m;
  if (!any(due)) return VD{};
  // Each due lane draws from its own stream; what the draws decide is then applied to all lanes
  // by selects, since stores into single lanes would stall the next month's whole loads.
  std::uint64_t succeeded = 0;  // bit l: lane l's raise succeeded
  for (int l = 0; l < kLanes; ++l) {
    if (!due[l]) continue;
    if (streams_[at(l)].uniform() < policy_->success_probability) {
      succeeded |= std::uint64_t{1} << l;
      if (alive[l]) ++group.ws(l).raises_succeeded;  // after a cash-out it lands nowhere
    }
  }
  const VI success = lanes_in(succeeded);
  raise_resolves_ = select(due, splat(kNever), raise_resolves_);
  blocked_until_ = select(due & ~success, splat(m + policy_->retry_months), blocked_until_);
  const VD amount = policy_->size_months ? static_cast<double>(*policy_->size_months) *
                                               (raise_burn_sum_ / raise_burn_months_)
                                         : fixed_amount_;
  return select(success, amount, VD{});
}

void FundingStage::consider_raise(int m, VI considered, VD cash, VD free_cash_flow) {
  if (policy_ == nullptr) return;
  // Runway on the mean burn b of the last three months (fewer at the start). With cash at or
  // above the minimum (>= 0), runway = cash / b < trigger is cash * n < trigger * sum for
  // b = sum / n: no division in the common month, and b = 0 (infinite runway) is false. Every
  // lane still considered has been considered in every month so far, so the count is shared.
  burn_oldest_ = burn_middle_;
  burn_middle_ = burn_newest_;
  burn_newest_ = vmax(VD{}, -free_cash_flow);
  newest_slot_ = newest_slot_ == 2 ? 0 : newest_slot_ + 1;
  if (burn_count_ < 3) ++burn_count_;
  if (m < policy_->not_before_month) return;
  const VD burn_sum = this->burn_sum();
  const VI starts = considered & (raise_resolves_ == kNever) & (blocked_until_ <= m) &
                    (raises_started_ < policy_->max_raises) &
                    (cash * burn_count_ < policy_->trigger_runway_months * burn_sum);
  // Applied by selects even in a month with no start: which months have one is random, and the
  // branch would be mispredicted more often than the selects cost.
  raises_started_ = select(starts, raises_started_ + 1.0, raises_started_);
  raise_resolves_ = select(starts, splat(m + policy_->lag_months), raise_resolves_);
  raise_burn_sum_ = select(starts, burn_sum, raise_burn_sum_);
  raise_burn_months_ = select(starts, splat(burn_count_), raise_burn_months_);
}

// The window's sum as a ring of three slots would add it: slot 0 + slot 1 + slot 2, the newest
// in slot newest_slot_ and the older two in the slots before it. Rounding depends on that order,
// so it is kept. Stored into a real ring at a slot that changes every month, the burns stalled
// the loads of this sum (7-11 % of the 8-lane month).
VD FundingStage::burn_sum() const {
  switch (newest_slot_) {
    case 0:
      return (burn_newest_ + burn_oldest_) + burn_middle_;
    case 1:
      return (burn_middle_ + burn_newest_) + burn_oldest_;
    default:
      return (burn_oldest_ + burn_middle_) + burn_newest_;
  }
}
