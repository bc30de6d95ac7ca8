// SPDX-License-Identifier: MIT
// Lane kernel (included per width by path_kernel.cpp): the small values the stages pass each
// other. A group is kLanes paths simulated month by month in lockstep, one path per lane;
// LanePaths says which paths and where each one's scratch space and outcome live.

/// The group's paths: lane l simulates paths[l] in workspaces[l] into outcomes[l].
struct LanePaths {
  std::uint64_t seed;
  const std::uint64_t* paths;
  PathWorkspace* const* workspaces;
  PathOutcome* const* outcomes;
  PathWorkspace& ws(int lane) const { return *workspaces[lane]; }
  PathOutcome& out(int lane) const { return *outcomes[lane]; }
  /// Lane l's drawn (P) parameters, looked up by the model's ParamIndex.
  double param(int lane, int slot) const { return workspaces[lane]->draws[at(slot)]; }
};

/// Slot `slot` of every lane's drawn parameters, as one vector. Built in registers: stored lane by
/// lane into a vector's memory and then loaded whole, it would wait for the stores (no store
/// forwarding from narrow stores to a wide load).
template <std::size_t... Lane>
VD lane_param(const LanePaths& group, int slot, std::index_sequence<Lane...>) {
  return VD{group.param(Lane, slot)...};
}
inline VD lane_param(const LanePaths& group, int slot) {
  return lane_param(group, slot, std::make_index_sequence<kLanes>{});
}

/// What events and milestones do to one month of every lane: level factors and additive shifts.
struct LaneEffects {
  // A constructor of its own, not member initialisers: clang compiles the implicit one outside
  // the width's instruction-set region.
  LaneEffects() : revenue(splat(1)), growth{}, gross_margin{}, rnd(splat(1)), sga(splat(1)) {}
  VD revenue, growth, gross_margin, rnd, sga;
};

/// Every lane's sector shocks from `first_month` on, `months` of them, interleaved: month m of
/// lane l at [m * kLanes + l]. Shocks the group drew together (SectorLanes) already lie so and
/// are read in place, as are one lane's own; any others are gathered into `into`.
const double* lane_sector_shocks(const SectorShocks* const* sectors, int first_month, int months,
                                 std::vector<double>& into) {
  const double* block = sectors[0]->from(first_month);
  bool in_place = true;
  for (int l = 0; l < kLanes; ++l)
    in_place =
        in_place && sectors[l]->stride() == kLanes && sectors[l]->from(first_month) == block + l;
  if (in_place) return block;
  into.resize(at(months) * kLanes);
  for (int l = 0; l < kLanes; ++l) {
    const double* from = sectors[l]->from(first_month);
    const int stride = sectors[l]->stride();
    for (int m = 0; m < months; ++m) into[at(m) * kLanes + at(l)] = from[at(m) * at(stride)];
  }
  return into.data();
}

/// Each lane's counter stream of normals for `substream`, in the lanes' order.
template <std::size_t... Lane>
std::array<CounterNormals, kLanes> lane_streams(const Model& model, const LanePaths& group,
                                                Substream substream, std::index_sequence<Lane...>) {
  return {CounterNormals(group.seed, group.paths[Lane], substream, model.company_key)...};
}

/// The normals of months 0 .. months - 1 of each lane's counter stream for `substream`,
/// interleaved by month (month m of lane l at [m * kLanes + l]), drawn for all lanes at once.
const double* lane_month_normals(const Model& model, const LanePaths& group, Substream substream,
                                 std::vector<double>& into) {
  const std::array<CounterNormals, kLanes> streams =
      lane_streams(model, group, substream, std::make_index_sequence<kLanes>{});
  into.resize(at(model.months) * kLanes);
  CounterNormals::fill_interleaved(streams.data(), kLanes, 0, at(model.months), into.data());
  return into.data();
}
