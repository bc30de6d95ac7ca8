// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

#include "breakeven/engine/milestones.hpp"
#include "breakeven/engine/order_book.hpp"
#include "breakeven/engine/sector_shocks.hpp"
#include "breakeven/math/random_stream.hpp"
#include "breakeven/model/model.hpp"

namespace breakeven {

/// What one fiscal year of one path looked like, for the fans.
struct YearRecord {
  double revenue = 0;
  double net_income = 0;
  double closing_cash = 0;  ///< main track, at the fiscal year's last simulated month
  bool alive = false;       ///< the path had not cashed out by the year's last simulated month
};

/// Everything the aggregation needs from one path. Sized once per thread and reused.
struct PathOutcome {
  int breakeven_period = -1;  ///< index into Model::periods; -1: none
  int cashout_month = -1;     ///< first month m with cash_{m+1} < minimum; -1: never
  int runway_months = 0;      ///< standalone track; == Model::months when beyond the horizon
  double funding_need = 0;
  std::vector<YearRecord> years;             ///< one per Model::fiscal_years
  std::vector<int> milestone_success_month;  ///< per Model::milestones; -1: never succeeded
};

/// One simulated month, for replaying a single path (`--trace-path`).
struct MonthRecord {
  int month;
  double revenue, gross_margin, rnd, sga, sbc, depreciation, operating_income, subsidies, interest,
      tax, net_income, working_capital_change, capex, free_cash_flow, funding, cash_end,
      standalone_cash_end, metric;
};

/// Scratch space for one thread: avoids allocating per path.
struct PathWorkspace {
  std::vector<double> draws;
  std::vector<double> standalone_low_by_period;
  std::vector<double> recent_metric;  ///< ttm window
  struct ActiveEffect {
    int until_month;  ///< exclusive
    double effect;
  };
  std::vector<ActiveEffect> temporary[5];   ///< per EventTarget
  std::vector<RandomStream> event_streams;  ///< one per event, re-seeded for every path
  // The first lane of a group keeps the group's monthly series, interleaved by lane (month m of
  // lane l at m * lanes + l): sector shocks, company revenue shocks, gross-margin noise.
  std::vector<double> lane_sector, lane_company, lane_margin;
  SectorShocks sector;  ///< the path's own sector shocks, when the caller shares none
  // What the last simulated path drew beyond `draws`, read by per-path analyses (sensitivity).
  std::vector<int> event_occurrences;      ///< per Model::events, within the horizon
  std::vector<std::uint8_t> round_landed;  ///< per Model::rounds: 1 when it happened
  int raises_succeeded = 0;                ///< contingent raises that landed before any cash-out
  MilestoneTrack milestones;
  OrderBook orders;  ///< revenue model "orders" only
  explicit PathWorkspace(const Model& model);
};

/// The most paths simulate_paths runs at once.
inline constexpr int kMaxPathLanes = 8;

/// Draws the path's (P) parameters (copula included) into `draws`, one per Model::slots.
void draw_parameters(const Model& model, std::uint64_t seed, std::uint64_t path,
                     std::vector<double>& draws);
/// The same for paths[0 .. count - 1] (count <= kMaxPathLanes) into *draws[l], drawn side by side:
/// each path's draws are exactly what the one-path form gives it.
void draw_parameters(const Model& model, std::uint64_t seed, const std::uint64_t* paths,
                     std::size_t count, std::vector<double>* const* draws);

/// How many paths the path kernel runs at once on this processor, in SIMD lanes: 8 with AVX-512,
/// 4 with AVX2, 1 without (or as the active SIMD target chooses, counter_normals.hpp).
int path_lanes();

/// Simulates paths first_path .. first_path + count - 1 (1 <= count <= path_lanes()) at once, path
/// first_path + l with the sector shocks sectors[l] in workspaces[l] into outcomes[l]. Each array
/// has path_lanes() entries; lanes beyond `count` are scratch (their results mean nothing) and
/// read no sector shocks; a count outside 1 .. path_lanes() throws std::logic_error. With
/// `traces` (count entries, each null or a record to append to), path first_path + l's months
/// are appended to *traces[l]. Every path's result and record are exactly the ones simulate_path
/// gives it.
void simulate_paths(const Model& model, std::uint64_t seed, std::uint64_t first_path, int count,
                    const SectorShocks* const* sectors, PathWorkspace* const* workspaces,
                    PathOutcome* const* outcomes,
                    std::vector<MonthRecord>* const* traces = nullptr);

/// Simulates path `path` of the run with `seed`, reading the sector shocks of its calendar months
/// from `sector` (filled for this seed and path over at least the model's span when the model
/// uses them). Deterministic in (model, seed, path). When `trace` is given, appends one record
/// per simulated month.
void simulate_path(const Model& model, std::uint64_t seed, std::uint64_t path,
                   const SectorShocks& sector, PathWorkspace& workspace, PathOutcome& outcome,
                   std::vector<MonthRecord>* trace = nullptr);

/// The same, drawing the path's sector shocks into `workspace.sector` first: for a path replayed
/// alone. The result is identical.
void simulate_path(const Model& model, std::uint64_t seed, std::uint64_t path,
                   PathWorkspace& workspace, PathOutcome& outcome,
                   std::vector<MonthRecord>* trace = nullptr);

}  // namespace breakeven
